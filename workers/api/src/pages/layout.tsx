import type { Child } from "hono/jsx";
import { NAV } from "./nav.ts";
import { SITE_CSS } from "./styles.ts";

export interface LayoutProps {
  title: string;
  description: string;
  /** The request path, to mark the current nav link. */
  current: string;
  script?: string | undefined;
  children?: Child;
}

const isCurrent = (current: string, path: string) => current === path || (path !== "/" && current.startsWith(`${path}/`));

export function Layout({ title, description, current, script, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content={description} />
        <title>{title === "411data" ? title : `${title} · 411data`}</title>
        <style dangerouslySetInnerHTML={{ __html: SITE_CSS }} />
        {script ? <script type="module" src={`/assets/${script}.js`} /> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">
              411data
            </a>
            <nav aria-label="Site">
              <ul>
                {NAV.map((item) => (
                  <li>
                    <a href={item.path} aria-current={isCurrent(current, item.path) ? "page" : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
        <footer class="site">
          <div>
            Machine-readable: <a href="/openapi.json">OpenAPI</a> · <a href="/.well-known/x402">x402 catalog</a> ·{" "}
            <a href="/discovery/resources">Bazaar list</a> · <a href="/skill.md">skill.md</a> · <a href="/llms.txt">llms.txt</a>.
            411data is not a consumer reporting agency: do not use its data for credit, employment, insurance or housing
            eligibility decisions.
          </div>
        </footer>
      </body>
    </html>
  );
}
