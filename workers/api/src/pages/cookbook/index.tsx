import { publicBase } from "../../routes/discovery/catalog-view.ts";
import type { Page } from "../page.ts";
import { RECIPES, type Recipe } from "./recipes.tsx";

export const cookbook: Page = {
  path: "/cookbook",
  title: "Cookbook",
  description: "Worked 411data recipes: usage keys, deposits, async jobs, websearch, CSV batches, x402 and MCP clients.",
  render: () => (
    <>
      <h1>Cookbook</h1>
      <p class="lead">Worked recipes, free to read. Each one is a task from start to finish.</p>
      <div class="cards">
        {RECIPES.map((r) => (
          <section class="card" aria-labelledby={`r-${r.slug}`}>
            <h2 id={`r-${r.slug}`}>
              <a href={`/cookbook/${r.slug}`}>{r.title}</a>
            </h2>
            <p>{r.summary}</p>
          </section>
        ))}
      </div>
    </>
  ),
};

const recipePage = (r: Recipe): Page => ({
  path: `/cookbook/${r.slug}`,
  title: r.title,
  description: r.summary,
  render: (c) => (
    <>
      <p>
        <a href="/cookbook">← Cookbook</a>
      </p>
      <h1>{r.title}</h1>
      <p class="lead">{r.summary}</p>
      {r.body(publicBase(c))}
    </>
  ),
});

export const recipePages: readonly Page[] = RECIPES.map(recipePage);
