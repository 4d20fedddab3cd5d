/**
 * The one place declaring the warehouse models and checks, in build order. A model `layer/name` is
 * the file `pipeline/sql/<layer>/<name>.sql`, built as the relation `<layer>.<name>`.
 */

/**
 * A SQL model of the warehouse. An `incremental` model is a table keyed by `report_key` whose SQL only
 * returns the reports of `core.report_scope`: a build deletes those keys and inserts the new rows. On a
 * whole build (meta.core_state empty: first or full build) the scope is empty, the SQL returns every
 * report and the table is created whole. It must not depend on the snapshot except through the
 * staging filters, which the scope accounts for.
 * A `monthly` model is a table keyed by its reception month (`monthColumn`) whose SQL only returns the months
 * of the temporary table `changed_months` (core/changed_months.sql, built before the marts): a build
 * deletes those months and inserts the new rows; every month on a whole build. It must not depend on
 * the snapshot except through core.reports.
 * A `periodic` model is a table keyed by `periode` whose SQL only returns the periods of the temporary
 * table `changed_periods` (core/changed_periods.sql, built just before it): a build deletes those periods
 * (and any period no longer in core.periods) and inserts the new rows; every period on a whole build.
 */
export interface ModelSpec {
  layer: "staging" | "core" | "marts";
  name: string;
  /** Built in the `scope` stage, before every layer, rather than with its layer (see STAGES). */
  stage?: "scope";
  materialized: "view" | "table" | "incremental" | "monthly" | "periodic";
  /** Month column of a `monthly` model, as in `changed_months`: `debut_mois` (date) or `mois` ('YYYY-MM'). */
  monthColumn?: "debut_mois" | "mois";
}

/**
 * The stages of a build, in order: the incremental scope (core.report_scope, which reads only the raw
 * tables and meta), then each layer.
 */
export const STAGES = ["scope", "staging", "core", "marts"] as const;
export type Stage = (typeof STAGES)[number];

/** The stage a model is built in. */
export function stageOf(model: ModelSpec): Stage {
  return model.stage ?? model.layer;
}

/** Every model, in build order: the scope, then staging → core → marts, each in dependency order. */
export const MODELS: readonly ModelSpec[] = [
  // First: the reports whose incremental rows (staging's quarantine, core) this build recomputes.
  { layer: "core", name: "report_scope", materialized: "table", stage: "scope" },
  { layer: "staging", name: "stg_reports", materialized: "view" },
  // A table: stg_status_events anti-joins it, and core.report_milestones and marts.contacts_par_canal
  // both read that view; as a view, the join of every event with its reception ran twice per build.
  // Incremental: an event's quarantine depends only on its own raw rows and its report's reception.
  { layer: "staging", name: "stg_event_quarantine", materialized: "incremental" },
  { layer: "staging", name: "stg_status_events", materialized: "view" },
  { layer: "staging", name: "stg_contacts", materialized: "view" },
  { layer: "core", name: "report_milestones", materialized: "incremental" },
  { layer: "core", name: "reports", materialized: "incremental" },
  { layer: "core", name: "report_sla", materialized: "view" },
  { layer: "core", name: "report_delays", materialized: "view" },
  { layer: "core", name: "periods", materialized: "table" },
  { layer: "marts", name: "int_delais_evenements", materialized: "monthly", monthColumn: "debut_mois" },
  { layer: "marts", name: "int_delais_censures", materialized: "table" },
  // Periodic: on an incremental build, the estimates of periods whose months did not move are kept.
  { layer: "marts", name: "int_delais_km", materialized: "periodic" },
  { layer: "marts", name: "int_cellules", materialized: "table" },
  { layer: "marts", name: "volumes_mensuels", materialized: "monthly", monthColumn: "mois" },
  { layer: "marts", name: "int_delais", materialized: "table" },
  { layer: "marts", name: "delais_par_service", materialized: "table" },
  { layer: "marts", name: "delais_par_quartier", materialized: "table" },
  { layer: "marts", name: "stock_en_cours", materialized: "table" },
  { layer: "marts", name: "retours_usagers", materialized: "table" },
  { layer: "marts", name: "contacts_par_canal", materialized: "table" },
  { layer: "marts", name: "usage_categories", materialized: "table" },
  { layer: "marts", name: "travaux_en_cours", materialized: "table" },
];

/** A data check: `pipeline/sql/checks/<name>.sql` returns the failing rows; `description` is shown on failure. */
export interface CheckSpec {
  name: string;
  description: string;
}

/** Every data check, run after the models; any returned row fails the run. */
export const CHECKS: readonly CheckSpec[] = [
  { name: "reports_key_unique", description: "un signalement apparaît plusieurs fois" },
  { name: "reports_required_fields", description: "un signalement n'a pas de date, catégorie, service, quartier ou échéance" },
  { name: "services_known", description: "un service affecté est absent du référentiel des services" },
  { name: "districts_known", description: "un code quartier est absent du référentiel des quartiers" },
  { name: "due_after_received", description: "une échéance précède la réception" },
  { name: "events_after_received", description: "un accusé, une affectation ou une clôture précède la réception" },
  { name: "sla_partition", description: "les statuts d'engagement d'une cellule ne totalisent pas n" },
];
