/**
 * Word lists the generator draws from. Every combination is invented: names are common French
 * first and last names paired at random, mail domains are the reserved example.* domains.
 */

/** Invented first names. */
export const FIRST_NAMES = [
  "Camille",
  "Léa",
  "Manon",
  "Chloé",
  "Inès",
  "Sarah",
  "Julie",
  "Élodie",
  "Nathalie",
  "Sophie",
  "Claire",
  "Aurélie",
  "Hélène",
  "Mathilde",
  "Amélie",
  "Lucas",
  "Hugo",
  "Thomas",
  "Nicolas",
  "Julien",
  "Maxime",
  "Antoine",
  "Mehdi",
  "Karim",
  "Théo",
  "Paul",
  "Jérôme",
  "François",
  "Stéphane",
  "Mathieu",
  "Yann",
  "Rémi",
  "Loïc",
  "Noé",
  "Zoé",
  "Anaïs",
];

/** Invented last names (common in Alsace and France). */
export const LAST_NAMES = [
  "Muller",
  "Schmitt",
  "Meyer",
  "Weber",
  "Klein",
  "Wagner",
  "Fischer",
  "Schneider",
  "Roth",
  "Haller",
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Lefèvre",
  "Michel",
  "Garcia",
  "Bertrand",
  "Roux",
  "Vincent",
  "Fournier",
  "Morel",
  "Girard",
  "André",
  "Mercier",
  "Boyer",
  "Blanc",
  "Guérin",
  "Hoffmann",
  "Koenig",
  "Zimmermann",
  "Ehrhardt",
];

/** Reserved domains (RFC 2606): never a real mailbox. */
export const MAIL_DOMAINS = ["example.net", "example.org", "example.com", "mail.example.net", "courriel.example.org"];

/** Streets per district (public street names, not personal data). */
export const STREETS: Record<string, readonly string[]> = {
  bourse_esplanade_krutenau: ["rue de Zurich", "boulevard de la Victoire", "rue de l'Université", "quai des Pêcheurs", "rue d'Upsal"],
  conseil_des_xv: ["avenue de la Forêt-Noire", "rue Schweighaeuser", "boulevard d'Anvers", "rue Kuhn", "allée de la Robertsau"],
  cronenbourg_hautepierre_poteries_hohberg: [
    "route d'Oberhausbergen",
    "avenue Racine",
    "rue de la Tour",
    "boulevard Balzac",
    "rue Lavoisier",
  ],
  gare_kleber: ["boulevard de Metz", "rue du Faubourg-National", "rue Kuhn", "place de la Gare", "rue Saint-Michel"],
  koenigshoffen_montagne_verte_elsau: [
    "route des Romains",
    "rue de l'Unterelsau",
    "route de Schirmeck",
    "rue Dauphine",
    "rue Jean-Mentelin",
  ],
  meinau: ["avenue de Colmar", "rue de la Canardière", "rue Schulmeister", "rue du Rhin-Tortu", "rue de Provence"],
  neudorf_musau_port_du_rhin: ["route du Polygone", "rue du Neufeld", "route du Rhin", "rue de la Klebsau", "place du Marché"],
  neuhof: ["route d'Altenheim", "rue de Bourgogne", "rue du Commandant-François", "rue de la Klebsau", "allée Reuss"],
  robertsau_wacken: ["rue Boecklin", "route de la Wantzenau", "rue Mélanie", "quai Jacoutot", "rue de l'Ill"],
  strasbourg_centre: ["rue des Grandes-Arcades", "rue du Dôme", "quai Saint-Thomas", "rue des Juifs", "rue du Vieux-Marché-aux-Poissons"],
};

/** Postal code per district. */
export const POSTAL_CODES: Record<string, string> = {
  bourse_esplanade_krutenau: "67000",
  conseil_des_xv: "67000",
  cronenbourg_hautepierre_poteries_hohberg: "67200",
  gare_kleber: "67000",
  koenigshoffen_montagne_verte_elsau: "67200",
  meinau: "67100",
  neudorf_musau_port_du_rhin: "67100",
  neuhof: "67100",
  robertsau_wacken: "67000",
  strasbourg_centre: "67000",
};

/** Relative number of reports per district (roughly by population). */
export const DISTRICT_WEIGHTS: Record<string, number> = {
  bourse_esplanade_krutenau: 12,
  conseil_des_xv: 9,
  cronenbourg_hautepierre_poteries_hohberg: 14,
  gare_kleber: 10,
  koenigshoffen_montagne_verte_elsau: 10,
  meinau: 7,
  neudorf_musau_port_du_rhin: 13,
  neuhof: 8,
  robertsau_wacken: 9,
  strasbourg_centre: 8,
};

/** What residents write, per category (short, French, no personal data by itself). */
export const DESCRIPTIONS: Record<string, readonly string[]> = {
  depot_sauvage: [
    "Sacs poubelle et cartons déposés au pied de l'immeuble",
    "Un matelas et un canapé abandonnés sur le trottoir",
    "Gravats déposés la nuit",
  ],
  corbeille_pleine: ["La corbeille déborde depuis plusieurs jours", "Poubelle de rue pleine, déchets par terre"],
  tag_graffiti: ["Tag sur la façade de l'école", "Graffitis sur l'abribus", "Tag sur le transformateur électrique"],
  nid_de_poule: ["Gros nid-de-poule dangereux pour les vélos", "Chaussée défoncée après les travaux", "Trou profond au milieu de la voie"],
  trottoir_degrade: ["Pavés descellés sur le trottoir", "Racines qui soulèvent la piste cyclable", "Bordure cassée"],
  signalisation: ["Panneau stop tordu", "Marquage du passage piéton effacé", "Feu tricolore masqué par un panneau"],
  vehicule_abandonne: ["Voiture sans plaques depuis un mois", "Véhicule ventouse, pneus à plat", "Scooter abandonné attaché au poteau"],
  eclairage_en_panne: ["Lampadaire éteint depuis trois soirs", "Lampadaire qui clignote toute la nuit", "Toute la rue est dans le noir"],
  arbre_dangereux: ["Grosse branche cassée qui pend au-dessus du trottoir", "Arbre penché après la tempête"],
  entretien_espace_vert: ["Herbes hautes dans le square", "Jeux pour enfants cassés au parc", "Haie qui déborde sur le trottoir"],
  mobilier_degrade: ["Banc cassé", "Arceaux vélo arrachés", "Vitre de l'abribus brisée"],
  nuisance_voisinage: ["Musique très forte tous les soirs chez le voisin", "Aboiements incessants dans l'appartement d'à côté"],
  logement_insalubre: ["Moisissures et humidité dans le logement loué", "Cage d'escalier insalubre, infiltrations"],
  animal: ["Rats dans la cour de l'immeuble", "Pigeon mort sur le trottoir", "Chien errant dans le parc"],
  autre: ["Question sur le ramassage des encombrants", "Demande d'information sur les travaux de la rue"],
};

/** Agent comments on back-office events, with placeholders filled by the generator. */
export const AGENT_NOTES = [
  "Intervention réalisée",
  "Équipe passée sur place, rien constaté",
  "Pris en charge par l'équipe de secteur",
  "Usager rappelé ; rdv fixé",
  "Voir avec le chef d'équipe",
  "Demande transmise au concessionnaire",
];

/** Subjects of emails that are not reports. */
export const INFO_SUBJECTS = [
  "Question sur les horaires de la déchèterie",
  "Demande de renseignement",
  "Suivi de ma demande",
  "Remerciements",
];
