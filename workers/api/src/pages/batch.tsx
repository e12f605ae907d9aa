import { MAX_FILE_BYTES, MAX_ROWS, UPLOAD_ROUTES } from "../services/batch/batch.ts";
import type { Page } from "./page.ts";

// /batch: drop a CSV, see how its columns and rows read and what it would cost (a dry run of the
// upload route), confirm, watch progress, download the results. Driven by web/batch; the bearer
// is the one /connect keeps for this tab, or one pasted here (kept for the tab only).

export const batchPage: Page = {
  path: "/batch",
  title: "CSV batch",
  description: "Enrich a whole CSV of leads: upload, check the estimate, watch it run, download the results.",
  script: "batch",
  cache: "no-store",
  render() {
    return (
      <div id="batch">
        <h1>CSV batch</h1>
        <p>
          Up to {MAX_ROWS.toLocaleString("en-US")} rows and {MAX_FILE_BYTES / 1024 / 1024} MB of UTF-8 CSV. Rows are
          deduped by contact id, email, then phone, each runs the route you pick and is billed only on a match, at that
          route's own price. The repository's <code>examples/leads-sample.csv</code> is a sample of synthetic leads to try.
        </p>
        <noscript>
          <p class="alert warn">This page needs JavaScript to read the file and follow the batch.</p>
        </noscript>
        <p id="status" role="status" aria-live="polite"></p>
        <div id="error" class="alert error" role="alert" hidden></div>

        <section class="panel" aria-labelledby="file-h">
          <h2 id="file-h">1. The file</h2>
          <form id="file-form">
            <label for="bearer">
              Agent bearer or usage key <span class="hint">(from /connect in this tab, or paste one; never stored beyond the tab)</span>
            </label>
            <input id="bearer" name="bearer" type="password" autocomplete="off" spellcheck={false} placeholder="411_…" />
            <label for="file">CSV file</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" />
            <label for="route">What each row runs</label>
            <select id="route" name="route">
              {UPLOAD_ROUTES.map((r) => (
                <option value={r} selected={r === "auto"}>
                  {r === "auto" ? "auto (a phone, else a person, else the business)" : r}
                </option>
              ))}
            </select>
            <div class="row">
              <button type="submit">Check the file</button>
            </div>
          </form>
        </section>

        <section id="preview" class="panel" hidden aria-labelledby="preview-h">
          <h2 id="preview-h">2. Check and confirm</h2>
          <table>
            <tbody>
              <tr><th scope="row">Columns</th><td id="pv-columns"></td></tr>
              <tr><th scope="row">Rows</th><td id="pv-rows"></td></tr>
              <tr><th scope="row">Will run</th><td id="pv-routes"></td></tr>
              <tr><th scope="row">If every row matches</th><td id="pv-estimate"></td></tr>
              <tr><th scope="row">Held until the end (the most it can cost)</th><td id="pv-ceiling"></td></tr>
            </tbody>
          </table>
          <ul id="pv-invalid" aria-label="Rows that will not run"></ul>
          <div class="row">
            <button type="button" id="confirm">Run the batch</button>
          </div>
        </section>

        <section id="progress" class="panel" hidden aria-labelledby="progress-h">
          <h2 id="progress-h">3. Progress</h2>
          <progress id="bar" max={100} value={0} aria-labelledby="progress-h"></progress>
          <p id="progress-text"></p>
          <div class="row">
            <button type="button" id="cancel" class="secondary">Cancel the rows not started</button>
            <button type="button" id="download-csv" disabled>Download results.csv</button>
            <button type="button" id="download-jsonl" class="secondary" disabled>Download results.jsonl</button>
          </div>
        </section>
      </div>
    );
  },
};
