import { z } from "zod";
import { code, count, date, days, h3Cell, label, month, optionalDate, period, periodKind, publicId, rate, secret } from "./columns.ts";

/** A dimension of an aggregate table; `total` is the code of its margin rows (e.g. `ensemble`). */
export interface Dimension {
  name: string;
  total?: string;
  /** Shared name used to match margins across tables (e.g. `mois` and `periode` are both `periode`). */
  alias?: string;
  /** Determined by another dimension (e.g. `type_periode` by `periode`): left out of margin keys. */
  implied?: boolean;
  /** Its values partition the whole even without margin rows (e.g. H3 cells): lines are built over it. */
  partition?: boolean;
}

/** How disclosure control reads an aggregate table. */
export interface DisclosureSpec {
  dimensions: Dimension[];
  /** Count columns: each published value is 0 or ≥ k. */
  counts: string[];
  /** The count that measures the row's size (statistics only when it is ≥ k). */
  principal: string;
  /** Statistic column → the counts it is computed from (emptied when one of them is suppressed). */
  stats: Record<string, string[]>;
  /** Within-row additive relations: `total` = sum of `parts`. */
  rowRelations: { total: string; parts: string[] }[];
  /** Count column → measure name shared by tables publishing the same total. */
  measures: Record<string, string>;
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
  /** Column holding an H3 cell, when the table has a GeoJSON twin. */
  h3Column?: string;
}

const TOTAL = "ensemble";
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
  secret_statistique: secret(),
};
const delayDisclosure = (dimension: Dimension): DisclosureSpec => ({
  dimensions: [{ name: "type_periode", implied: true }, { name: "periode" }, dimension],
  counts: ["n", "n_clos", "nb_dans_les_delais", "nb_hors_delais", "nb_en_retard_ouverts"],
  principal: "n",
  stats: {
    delai_median_jours: ["n", "n_clos"],
    delai_p90_jours: ["n", "n_clos"],
    taux_dans_les_delais: ["nb_dans_les_delais", "nb_hors_delais", "nb_en_retard_ouverts"],
  },
  rowRelations: [{ total: "n_clos", parts: ["nb_dans_les_delais", "nb_hors_delais"] }],
  measures: {
    n: "signalements_recus",
    n_clos: "signalements_clos",
    nb_dans_les_delais: "clos_dans_les_delais",
    nb_hors_delais: "clos_hors_delais",
    nb_en_retard_ouverts: "ouverts_en_retard",
  },
});

/** Every table of the release, in publication order. */
export const PUBLISHED_TABLES: PublishedTable[] = [
  {
    name: "volumes_mensuels",
    title: "Volumes mensuels de signalements",
    description:
      "Signalements reçus par mois : total du mois et répartition par canal, par groupe de catégories, par service ou par quartier (les autres colonnes valent « ensemble »). Les catégories sensibles ne sont comptées que dans le total, par groupe et par quartier.",
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
    disclosure: {
      dimensions: [
        { name: "mois", alias: "periode" },
        { name: "canal", total: TOTAL },
        { name: "groupe_categorie", total: TOTAL },
        { name: "code_service", total: TOTAL },
        { name: "code_quartier", total: TOTAL },
      ],
      counts: ["nb_signalements"],
      principal: "nb_signalements",
      stats: {},
      rowRelations: [],
      measures: { nb_signalements: "signalements_recus" },
    },
  },
  {
    name: "delais_par_service",
    title: "Délais de traitement par service",
    description: "Délais jusqu'à la clôture et respect de l'engagement de 15 jours, par période et par service.",
    schema: z.object({ ...periodCols, ...serviceCols, ...delayCols }),
    primaryKey: ["type_periode", "periode", "code_service"],
    kind: "aggregate",
    disclosure: delayDisclosure({ name: "code_service", total: TOTAL }),
  },
  {
    name: "delais_par_quartier",
    title: "Délais de traitement par quartier",
    description: "Délais jusqu'à la clôture et respect de l'engagement de 15 jours, par période et par quartier.",
    schema: z.object({ ...periodCols, ...districtCols, ...delayCols }),
    primaryKey: ["type_periode", "periode", "code_quartier"],
    kind: "aggregate",
    disclosure: delayDisclosure({ name: "code_quartier", total: TOTAL }),
  },
  {
    name: "stock_en_cours",
    title: "Signalements en cours par ancienneté",
    description: "Signalements ouverts à la date d'extraction, par service et tranche d'ancienneté, dont ceux en retard.",
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
    disclosure: {
      dimensions: [{ name: "date_extraction" }, { name: "code_service", total: TOTAL }, { name: "tranche_anciennete", total: TOTAL }],
      counts: ["nb_en_cours", "nb_en_retard"],
      principal: "nb_en_cours",
      stats: {},
      rowRelations: [],
      measures: { nb_en_cours: "ouverts", nb_en_retard: "ouverts_en_retard_stock" },
    },
  },
  {
    name: "retours_usagers",
    title: "Retours des usagers après clôture",
    description: "Réclamations, remerciements et réouvertures des signalements clos, par période et par service.",
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
    disclosure: {
      dimensions: [{ name: "type_periode", implied: true }, { name: "periode" }, { name: "code_service", total: TOTAL }],
      counts: ["nb_clos", "nb_reclamations", "nb_remerciements", "nb_reouvertures"],
      principal: "nb_clos",
      stats: {
        taux_reclamation: ["nb_clos", "nb_reclamations"],
        taux_remerciement: ["nb_clos", "nb_remerciements"],
        taux_reouverture: ["nb_clos", "nb_reouvertures"],
      },
      rowRelations: [],
      measures: {
        nb_clos: "signalements_clos_retours",
        nb_reclamations: "reclamations",
        nb_remerciements: "remerciements",
        nb_reouvertures: "reouvertures",
      },
    },
  },
  {
    name: "contacts_par_canal",
    title: "Contacts traités par canal",
    description: "Signalements, courriels, appels traités et interventions créées, par mois et par canal.",
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
    disclosure: {
      dimensions: [{ name: "mois", alias: "periode" }, { name: "canal", total: TOTAL }, { name: "type_contact" }],
      counts: ["nb_contacts"],
      principal: "nb_contacts",
      stats: {},
      rowRelations: [],
      measures: { nb_contacts: "contacts" },
    },
  },
  {
    name: "usage_categories",
    title: "Signalements par catégorie",
    description: "Signalements reçus par période, groupe et catégorie (catégories sensibles regroupées).",
    schema: z.object({
      ...periodCols,
      groupe_categorie: code("Groupe de catégories ; « ensemble » pour tous les groupes."),
      categorie: code("Catégorie ; « ensemble » pour tout le groupe."),
      nb_signalements: count("Nombre de signalements reçus."),
      secret_statistique: secret(),
    }),
    primaryKey: ["type_periode", "periode", "groupe_categorie", "categorie"],
    kind: "aggregate",
    disclosure: {
      dimensions: [
        { name: "type_periode", implied: true },
        { name: "periode" },
        { name: "groupe_categorie", total: TOTAL },
        { name: "categorie", total: TOTAL },
      ],
      counts: ["nb_signalements"],
      principal: "nb_signalements",
      stats: {},
      rowRelations: [],
      measures: { nb_signalements: "signalements_recus" },
    },
  },
  {
    name: "carte_h3",
    title: "Carte des signalements (cellules H3)",
    description: "Signalements localisés hors catégories sensibles, par cellule H3 de résolution 8.",
    schema: z.object({
      periode: period("Période couverte."),
      cellule_h3: h3Cell("Identifiant de la cellule H3 (résolution 8, environ 0,7 km²)."),
      nb_signalements: count("Nombre de signalements localisés dans la cellule."),
      secret_statistique: secret(),
    }),
    primaryKey: ["periode", "cellule_h3"],
    kind: "aggregate",
    disclosure: {
      dimensions: [{ name: "periode" }, { name: "cellule_h3", partition: true }],
      counts: ["nb_signalements"],
      principal: "nb_signalements",
      stats: {},
      rowRelations: [],
      measures: { nb_signalements: "signalements_cartographies" },
    },
    h3Column: "cellule_h3",
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
  "secret_statistique",
];
