/** The French follow-up page (pure HTML rendering, every value escaped). */
import type { followupView } from "./followup.ts";
import { COMPLAINT_LABELS, RESOLUTION_LABELS } from "./lifecycle.ts";
import { frenchDate } from "./notify.ts";

type View = ReturnType<typeof followupView>;

/** Escapes text for HTML content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** A UTC instant shown in Paris time, `JJ/MM/AAAA à HH:MM`. */
function parisDateTime(instant: string): string {
  const f = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" });
  return f.format(new Date(instant)).replace(" ", " à ");
}

const STYLE =
  "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1e1e1e}" +
  "ol{padding-left:1.2rem}dt{font-weight:bold}fieldset{margin:1rem 0}button{padding:.4rem 1rem}";

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function feedbackForm(ticket: string, token: string): string {
  const hidden = `<input type="hidden" name="jeton" value="${escapeHtml(token)}">`;
  const action = `/suivi/${encodeURIComponent(ticket)}/retour`;
  const reasons = Object.entries(COMPLAINT_LABELS)
    .map(
      ([code, label], i) =>
        `<label><input type="radio" name="motif" value="${code}"${i === 0 ? " checked" : ""}> ${escapeHtml(label)}</label><br>`,
    )
    .join("");
  return (
    `<h2>Votre avis</h2>` +
    `<form method="post" action="${action}">${hidden}<input type="hidden" name="type" value="reclamation"><fieldset><legend>Le problème n'est pas résolu</legend>${reasons}` +
    `<label for="c1">Précisions (facultatif)</label><br><textarea id="c1" name="commentaire" maxlength="2000" rows="3" cols="40"></textarea><br>` +
    `<button type="submit">Envoyer une réclamation (le signalement sera rouvert)</button></fieldset></form>` +
    `<form method="post" action="${action}">${hidden}<input type="hidden" name="type" value="remerciement"><fieldset><legend>Tout est en ordre</legend>` +
    `<label for="c2">Message (facultatif)</label><br><textarea id="c2" name="commentaire" maxlength="2000" rows="3" cols="40"></textarea><br>` +
    `<button type="submit">Remercier le service</button></fieldset></form>`
  );
}

/** The page for a view, or the "not found" page when `view` is null. */
export function renderFollowupPage(view: View | null, token: string): string {
  if (!view)
    return page(
      "Suivi introuvable",
      "<h1>Suivi de signalement</h1><p>Signalement introuvable ou code de suivi incorrect. Utilisez le lien reçu lors du dépôt de votre signalement.</p>",
    );
  const steps = view.etapes
    .map(
      (s) =>
        `<li>${escapeHtml(s.etape)} — ${escapeHtml(parisDateTime(s.date))}${s.motif ? ` (${escapeHtml(COMPLAINT_LABELS[s.motif] ?? s.motif)})` : ""}</li>`,
    )
    .join("");
  const resolution = view.resolution
    ? `<h2>Ce qui a été fait</h2><p>${escapeHtml(RESOLUTION_LABELS[view.resolution.code ?? ""] ?? "Clôturé")}</p>${view.resolution.note ? `<p>${escapeHtml(view.resolution.note)}</p>` : ""}`
    : "";
  return page(
    `Signalement ${view.ticket}`,
    `<h1>Signalement n° ${escapeHtml(view.ticket)}</h1>` +
      `<p>${escapeHtml(view.categorie)} — étape actuelle : <strong>${escapeHtml(view.etape)}</strong></p>` +
      `<h2>Service en charge</h2><dl><dt>${escapeHtml(view.service.label)}</dt><dd>Courriel : <a href="mailto:${escapeHtml(view.service.email)}">${escapeHtml(view.service.email)}</a></dd><dd>Téléphone : ${escapeHtml(view.service.phone)}</dd></dl>` +
      (view.date_prevue ? `<p>Intervention prévue le ${escapeHtml(frenchDate(view.date_prevue))}.</p>` : "") +
      `<h2>Étapes</h2><ol>${steps}</ol>${resolution}` +
      (view.retour_possible ? feedbackForm(view.ticket, token) : ""),
  );
}
