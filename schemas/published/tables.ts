import { z } from "zod";
import { code, count, date, days, h3Cell, label, month, optionalDate, period, periodKind, publicId, rate, secret } from "./columns.ts";

/**
 * Disclosure control of a table that needs it (fine geography, sensitive categories): each count is
 * 0 or ≥ k and not dominated by one reporter, else emptied. Tables without it identify no one and
 * are published whatever n (DESIGN "Anonymization and disclosure control").
 */
export interface DisclosureSpec {
  /** Count columns under the threshold rule. */
  counts: string[];
  /** Rows not under control: the map's residual, which names no place. */
  exempt?: { column: string; value: string };
  /**
   * A total row (`column` = `total`) per group of `by`: published only when every suppressed detail of
   * its group stays covered by the others (their sum minus it is at least k), else suppressed too.
   */
  margin?: { column: string; total: string; by: string[] };
}

/** Why a statistic is empty or not: `statut_*` columns, one per statistic. */
export const VALUE_STATUSES = ["publie", "secret_statistique", "sans_donnees", "non_atteint"] as const;

/** A status column: the statistic it describes and the count that says whether there was any data. */
export interface StatusSpec {
  value: string;
  base: string;
}

/** A published table: its zod schema (the single source of truth) and its public metadata. */
export interface PublishedTable {
  name: string;
  title: string;
  description: string;
  schema: z.ZodObject;
  primaryKey: string[];
  kind: "aggregate" | "list";
  disclosure?: DisclosureSpec;
  /** Status column → the statistic it explains (publie, secret_statistique, sans_donnees, non_atteint). */
  statuses?: Record<string, StatusSpec>;
  /** Column holding an H3 cell, when the table has a GeoJSON twin. */
  h3Column?: string;
}

const TOTAL = "ensemble";
/** Status of a statistic: why it is empty, or that it is published. */
const valueStatus = (column: string) =>
  z.enum(VALUE_STATUSES).meta({
    description: `Statut de ${column} : publie ; sans_donnees (aucun signalement sur la période) ; non_atteint (médiane ou p90 pas encore atteints, ou taux sans signalement clos ni en retard) ; secret_statistique.`,
  });
const periodCols = {
  type_periode: periodKind("Nature de la période : mois, trimestre, annee ou 12_mois_glissants."),
  periode: period("Période : 2026-03 (mois), 2026-T1 (trimestre), 2026 (année) ou 12_mois_glissants."),
  debut_periode: date("Premier jour de la période (AAAA-MM-JJ, heure de Paris)."),
  fin_periode: date("Dernier jour de la période (AAAA-MM-JJ, heure de Paris)."),
};
const serviceCols = {
  code_service: code("Code du service municipal ; « ensemble » pour tous les services."),
  service: label("Nom du service municipal."),
};
const districtCols = {
  code_quartier: code("Code du quartier (10 quartiers de Strasbourg, ou non_localise) ; « ensemble » pour toute la ville."),
  quartier: label("Nom du quartier."),
};
const delayCols = {
  n: count("Nombre de signalements reçus sur la période."),
  n_clos: count("Nombre de ces signalements clos."),
  delai_median_jours: days("Délai médian jusqu'à la première clôture, en jours (Kaplan–Meier, signalements ouverts censurés)."),
  delai_p90_jours: days("Délai en dessous duquel 90 % des signalements sont clos, en jours (Kaplan–Meier)."),
  nb_dans_les_delais: count("Signalements clos dans les 15 jours."),
  nb_hors_delais: count("Signalements clos après 15 jours."),
  nb_en_retard_ouverts: count("Signalements encore ouverts et en retard à la date d'extraction."),
  taux_dans_les_delais: rate("Part des signalements clos à temps : dans les délais / (dans les délais + hors délais + en retard ouverts)."),
  statut_delai_median: valueStatus("delai_median_jours"),
  statut_delai_p90: valueStatus("delai_p90_jours"),
  statut_taux: valueStatus("taux_dans_les_delais"),
  secret_statistique: secret(),
};
const delayStatuses: Record<string, StatusSpec> = {
  statut_delai_median: { value: "delai_median_jours", base: "n" },
  statut_delai_p90: { value: "delai_p90_jours", base: "n" },
  statut_taux: { value: "taux_dans_les_delais", base: "n" },
};
/** Every table of the release, in publication order. */
export const PUBLISHED_TABLES: PublishedTable[] = [
  {
    name: "volumes_mensuels",
    title: "Volumes mensuels de signalements",
    description:
      "Signalements reçus par mois, hors catégories sensibles : total du mois et répartition par canal, par groupe de catégories, par service ou par quartier (les autres colonnes valent « ensemble ») ; chaque répartition a pour somme le total du mois. Publié quel que soit l'effectif : ces comptes n'identifient personne.",
    schema: z.object({
      mois: month("Mois de réception (AAAA-MM, heure de Paris)."),
      canal: code("Canal : web, app, telephone, courriel ; « ensemble » pour tous les canaux."),
      groupe_categorie: code("Groupe de catégories ; « ensemble » pour tous les groupes."),
      ...serviceCols,
      ...districtCols,
      nb_signalements: count("Nombre de signalements reçus."),
      secret_statistique: secret(),
    }),
    primaryKey: ["mois", "canal", "groupe_categorie", "code_service", "code_quartier"],
    kind: "aggregate",
  },
  {
    name: "delais_par_service",
    title: "Délais de traitement par service",
    description:
      "Délais jusqu'à la clôture et respect de l'engagement de 15 jours, par période et par service, hors catégories sensibles ; publiés quel que soit l'effectif, une colonne statut_… dit pourquoi une valeur est vide.",
    schema: z.object({ ...periodCols, ...serviceCols, ...delayCols }),
    primaryKey: ["type_periode", "periode", "code_service"],
    kind: "aggregate",
    statuses: delayStatuses,
  },
  {
    name: "delais_par_quartier",
    title: "Délais de traitement par quartier",
    description:
      "Délais jusqu'à la clôture et respect de l'engagement de 15 jours, par période et par quartier, hors catégories sensibles ; publiés quel que soit l'effectif, une colonne statut_… dit pourquoi une valeur est vide.",
    schema: z.object({ ...periodCols, ...districtCols, ...delayCols }),
    primaryKey: ["type_periode", "periode", "code_quartier"],
    kind: "aggregate",
    statuses: delayStatuses,
  },
  {
    name: "stock_en_cours",
    title: "Signalements en cours par ancienneté",
    description:
      "Signalements ouverts à la date d'extraction, hors catégories sensibles, par service et tranche d'ancienneté, dont ceux en retard.",
    schema: z.object({
      date_extraction: date("Date d'extraction (AAAA-MM-JJ, heure de Paris)."),
      ...serviceCols,
      tranche_anciennete: z
        .enum(["0_7_jours", "8_15_jours", "16_30_jours", "31_90_jours", "plus_de_90_jours", TOTAL])
        .meta({ description: "Ancienneté du signalement en jours ; « ensemble » pour toutes les tranches." }),
      nb_en_cours: count("Nombre de signalements ouverts."),
      nb_en_retard: count("Nombre de signalements ouverts au-delà de 15 jours."),
      secret_statistique: secret(),
    }),
    primaryKey: ["date_extraction", "code_service", "tranche_anciennete"],
    kind: "aggregate",
  },
  {
    name: "retours_usagers",
    title: "Retours des usagers après clôture",
    description:
      "Réclamations, remerciements et réouvertures des signalements clos, hors catégories sensibles, par période et par service.",
    schema: z.object({
      ...periodCols,
      ...serviceCols,
      nb_clos: count("Nombre de signalements clos sur la période."),
      nb_reclamations: count("Réclamations reçues après clôture."),
      nb_remerciements: count("Remerciements reçus après clôture."),
      nb_reouvertures: count("Signalements rouverts après clôture."),
      taux_reclamation: rate("Réclamations / signalements clos."),
      taux_remerciement: rate("Remerciements / signalements clos."),
      taux_reouverture: rate("Réouvertures / signalements clos."),
      secret_statistique: secret(),
    }),
    primaryKey: ["type_periode", "periode", "code_service"],
    kind: "aggregate",
  },
  {
    name: "contacts_par_canal",
    title: "Contacts traités par canal",
    description:
      "Signalements (hors catégories sensibles), courriels et appels traités, interventions programmées (hors catégories sensibles), par mois et par canal.",
    schema: z.object({
      mois: month("Mois (AAAA-MM, heure de Paris)."),
      canal: code("Canal : web, app, telephone, courriel ; « ensemble » pour tous les canaux."),
      type_contact: z
        .enum(["signalement", "courriel", "appel", "intervention"])
        .meta({ description: "Nature du contact : signalement, courriel traité, appel traité ou intervention créée." }),
      nb_contacts: count("Nombre de contacts."),
      secret_statistique: secret(),
    }),
    primaryKey: ["mois", "canal", "type_contact"],
    kind: "aggregate",
  },
  {
    name: "usage_categories",
    title: "Signalements par catégorie",
    description:
      "Signalements reçus par période, groupe et catégorie, hors catégories sensibles (comptées à part, par quartier et par trimestre).",
    schema: z.object({
      ...periodCols,
      groupe_categorie: code("Groupe de catégories ; « ensemble » pour tous les groupes."),
      categorie: code("Catégorie ; « ensemble » pour tout le groupe."),
      nb_signalements: count("Nombre de signalements reçus."),
      secret_statistique: secret(),
    }),
    primaryKey: ["type_periode", "periode", "groupe_categorie", "categorie"],
    kind: "aggregate",
  },
  {
    name: "carte_h3",
    title: "Carte des signalements (cellules H3)",
    description:
      "Signalements localisés hors catégories sensibles sur les 12 derniers mois complets, par cellule H3 de résolution 8 ; les cellules où trop peu de signalements sont localisés sont regroupées dans leur cellule parente (jusqu'à la résolution 6), qui ne couvre alors que ses sous-cellules sans ligne propre ; ce qui reste sous le seuil est compté dans la ligne autres_zones, sans lieu.",
    schema: z.object({
      periode: period("Période couverte."),
      cellule_h3: z
        .string()
        .regex(/^([0-9a-f]{15}|autres_zones)$/)
        .meta({
          description:
            "Identifiant de la cellule H3 (résolution 8, environ 0,7 km² ; 7 ou 6 pour une cellule regroupée, qui couvre ses sous-cellules sans ligne propre) ; « autres_zones » pour les signalements des zones restées sous le seuil, sans localisation.",
        }),
      resolution_h3: z
        .number()
        .int()
        .min(0)
        .max(15)
        .nullable()
        .meta({ description: "Résolution H3 de la cellule : 8, ou 7 et 6 pour les cellules regroupées ; vide pour autres_zones." }),
      nb_signalements: count("Nombre de signalements localisés dans la cellule ; vide si masqué (secret statistique)."),
      secret_statistique: secret(),
    }),
    primaryKey: ["periode", "cellule_h3"],
    kind: "aggregate",
    disclosure: { counts: ["nb_signalements"], exempt: { column: "cellule_h3", value: "autres_zones" } },
    h3Column: "cellule_h3",
  },
  {
    name: "signalements_sensibles",
    title: "Signalements des catégories sensibles par quartier et trimestre",
    description:
      "Nombre de signalements des catégories sensibles (nuisances de voisinage, logement insalubre, animaux) par trimestre complet, par quartier et pour toute la ville (« ensemble ») : le seul fichier où ils sont comptés, sans détail mensuel. Un compte de 1 à 10, ou dominé par un seul déclarant, est masqué ; le total de la ville aussi quand il permettrait de retrouver un quartier masqué.",
    schema: z.object({
      ...periodCols,
      ...districtCols,
      nb_signalements: count("Nombre de signalements des catégories sensibles ; vide si masqué (secret statistique)."),
      secret_statistique: secret(),
    }),
    primaryKey: ["type_periode", "periode", "code_quartier"],
    kind: "aggregate",
    disclosure: { counts: ["nb_signalements"], margin: { column: "code_quartier", total: TOTAL, by: ["periode"] } },
  },
  {
    name: "travaux_en_cours",
    title: "Travaux en cours sur l'espace public",
    description: "Signalements ouverts sur le domaine public (voirie, éclairage, mobilier…), avec leur étape et leur date prévue.",
    schema: z.object({
      identifiant_public: publicId("Identifiant public pseudonymisé (HMAC-SHA256, 64 caractères hexadécimaux)."),
      ...serviceCols,
      ...districtCols,
      groupe_categorie: code("Groupe de catégories."),
      categorie: code("Catégorie."),
      etape: code("Étape : recu, pris_en_compte, affecte, reaffecte, escalade, programme, en_intervention, rouvert."),
      date_reception: date("Date de réception (AAAA-MM-JJ, heure de Paris)."),
      date_prevue: optionalDate("Date d'intervention prévue, si elle est programmée."),
      cellule_h3: h3Cell(
        "Cellule H3 de résolution 9 (environ 0,1 km²) ; jamais de point exact ; vide si le signalement n'est pas localisé.",
      ).nullable(),
    }),
    primaryKey: ["identifiant_public"],
    kind: "list",
    h3Column: "cellule_h3",
  },
];

/** Looks up a published table by name. */
export function publishedTable(name: string): PublishedTable {
  const table = PUBLISHED_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`table publiée inconnue : ${name}`);
  return table;
}

/** Count columns of a table (DESIGN: named `nb_…`, `n` or `n_clos`). */
export function countColumns(table: PublishedTable): string[] {
  return columnsOf(table).filter((c) => /^(nb_.+|n|n_clos)$/.test(c));
}

/** Output columns of a table, in order. */
export function columnsOf(table: PublishedTable): string[] {
  return Object.keys(table.schema.shape);
}

/** Properties published in data/quartiers.geojson. */
export const DISTRICT_PROPERTIES = [
  "code_quartier",
  "quartier",
  "type_periode",
  "periode",
  "n",
  "delai_median_jours",
  "taux_dans_les_delais",
  "statut_taux",
  "secret_statistique",
];
