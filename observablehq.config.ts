/** Observable Framework configuration of the public dashboard (French, static, built offline). */
export default {
  root: "dashboard",
  output: process.env.SIGNALEMENTS_DASHBOARD_OUTPUT ?? "dist",
  title: "Signalements — statistiques publiques",
  pages: [{ name: "Accueil", path: "/" }],
  pager: false,
  toc: false,
  search: false,
  style: "theme.css",
  globalStylesheets: [],
  duckdb: { extensions: { json: null, parquet: null } },
  header: "",
  footer: "Données : Ville — Licence Ouverte 2.0 (etalab-2.0). Ce tableau de bord relit uniquement la publication de données ouvertes.",
};
