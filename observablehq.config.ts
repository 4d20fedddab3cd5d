/** Observable Framework configuration of the public dashboard (French, static, built offline). */
export default {
  // A build whose release lacks some indicators runs from a staged copy (pipeline/dashboard/build.ts).
  root: process.env.SIGNALEMENTS_DASHBOARD_ROOT ?? "dashboard",
  output: process.env.SIGNALEMENTS_DASHBOARD_OUTPUT ?? "dist",
  title: "Signalements — statistiques publiques",
  pages: [
    { name: "Accueil", path: "/" },
    { name: "Délais et engagement 15 jours", path: "/delais" },
    { name: "Quartiers", path: "/quartiers" },
    { name: "Canaux", path: "/canaux" },
    { name: "Retours des habitants", path: "/retours" },
    { name: "Travaux en cours", path: "/travaux" },
    { name: "Données ouvertes", path: "/donnees" },
    { name: "Méthodologie et confidentialité", path: "/methodologie" },
  ],
  pager: false,
  toc: false,
  search: false,
  style: "theme.css",
  globalStylesheets: [],
  duckdb: { extensions: { json: null, parquet: null } },
  header: '<span class="site-header">Signalements des habitants — statistiques publiques</span>',
  footer:
    "Données ouvertes sous Licence Ouverte 2.0 (etalab-2.0). Ce tableau de bord relit uniquement la publication des données ouvertes : il ne calcule aucune statistique.",
};
