// The one stylesheet of every page, inlined so a page is one request and allowed by its hash in the
// Content-Security-Policy (no 'unsafe-inline'). Colours keep WCAG AA contrast on both backgrounds.
export const SITE_CSS = `
:root{--fg:#14171c;--muted:#4a5260;--bg:#fff;--panel:#f4f6f9;--line:#c9d0da;--accent:#0b5bd3;--accent-fg:#fff;--ok:#0f6b3a;--warn-bg:#fff4d6;--warn:#6b4a00;--err-bg:#fde8e8;--err:#9b1c1c;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
header.site{border-bottom:1px solid var(--line);background:var(--panel)}
header.site .bar{max-width:64rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
header.site .brand{font-weight:700;font-size:1.15rem;color:var(--fg);text-decoration:none;margin-right:auto}
header.site nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
header.site nav a{text-decoration:none;color:var(--fg)}
header.site nav a[aria-current=page]{color:var(--accent);font-weight:600;text-decoration:underline}
main{max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
footer.site div{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.4rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.15rem;color:var(--muted);max-width:46rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;background:var(--panel);padding:.05rem .3rem;border-radius:4px}
pre{background:#0f1720;color:#e8edf3;padding:1rem;border-radius:8px;overflow-x:auto;line-height:1.45}
pre code{background:none;padding:0;color:inherit}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{border:1px solid var(--line);padding:.45rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--panel)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:10px;padding:1rem 1.1rem;background:var(--bg)}
.card h2,.card h3{margin-top:0}
.panel{border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin:1rem 0;background:var(--panel)}
.button,button{display:inline-block;font:inherit;font-weight:600;padding:.5rem 1rem;border-radius:8px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-fg);cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:var(--bg);color:var(--accent)}
button:disabled{opacity:.55;cursor:not-allowed}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.hint{font-weight:400;color:var(--muted);font-size:.92rem}
input,select,textarea{font:inherit;padding:.45rem .6rem;border:1px solid #7b8594;border-radius:6px;width:100%;max-width:32rem;background:#fff;color:var(--fg)}
input[type=checkbox],input[type=radio]{width:auto}
.check{display:flex;gap:.5rem;align-items:center;font-weight:600}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.75rem 0}
.alert{border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
.alert.warn{background:var(--warn-bg);color:var(--warn);border:1px solid #e0c46c}
.alert.error{background:var(--err-bg);color:var(--err);border:1px solid #e3a0a0}
.alert.ok{background:#e3f5ea;color:var(--ok);border:1px solid #9fd3b2}
.secret{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all;background:#fff;border:2px dashed var(--warn);padding:.75rem;border-radius:6px}
.tabs{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.tabs a{padding:.35rem .8rem;border:1px solid var(--line);border-radius:999px;text-decoration:none;color:var(--fg)}
.tabs a[aria-current=page]{background:var(--accent);color:var(--accent-fg);border-color:var(--accent)}
.op{border-top:1px solid var(--line);padding-top:.75rem;margin-top:1.25rem}
.method{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace;padding:.1rem .4rem;border-radius:4px;background:#e4ecfb;color:#0b3d91}
.muted{color:var(--muted)}
[hidden]{display:none!important}
ul.row{list-style:none;padding:0}
.panel>h2:first-child{margin-top:.25rem}
fieldset{border:1px solid var(--line);border-radius:8px;margin:1rem 0;padding:.5rem 1rem;max-width:48rem}
legend{font-weight:600;padding:0 .3rem}
fieldset .check{margin:.35rem 0}
#status:empty{display:none}
.chat-layout{display:grid;grid-template-columns:16rem minmax(0,1fr);gap:1.5rem;align-items:start}
@media (max-width:50rem){.chat-layout{grid-template-columns:minmax(0,1fr)}}
.convos{border:1px solid var(--line);border-radius:10px;padding:.25rem 1rem;background:var(--panel)}
.convos h2,.thread-pane>h2{margin-top:.5rem}
.convos ul{list-style:none;padding:0;margin:.5rem 0}
.convos li{margin:.5rem 0;padding-bottom:.4rem;border-bottom:1px solid var(--line)}
.convos li .meta{display:flex;gap:.5rem;align-items:center;justify-content:space-between}
button.link{display:block;width:100%;background:none;border:none;color:var(--accent);padding:.2rem 0;font-weight:400;text-align:left;text-decoration:underline;overflow-wrap:anywhere}
button.link[aria-current]{font-weight:700;color:var(--fg)}
button.small{padding:.2rem .5rem;font-size:.85rem}
.thread{list-style:none;padding:0;margin:0}
.msg{border:1px solid var(--line);border-radius:10px;padding:.6rem 1rem;margin:.75rem 0}
.msg.user{background:var(--panel)}
.msg .who{font-weight:600;margin:0 0 .25rem;color:var(--muted);font-size:.9rem}
.msg .said,.answer{white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0}
.toolcard{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:8px;padding:.4rem .9rem;margin:.5rem 0}
.toolcard h3{margin:.25rem 0;font-size:1rem}
.badge{font-size:.8rem;font-weight:600;padding:.05rem .45rem;border-radius:999px;background:#e4ecfb;color:#0b3d91}
.kv{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem .9rem;margin:.35rem 0}
.kv dt{font-weight:600}.kv dd{margin:0;overflow-wrap:anywhere}
.cost,.turn-cost strong{font-weight:700}
.turn-cost{margin:.5rem 0 0;border-top:1px solid var(--line);padding-top:.4rem}
.billing{border:2px solid var(--ok);background:#e3f5ea;color:var(--ok);border-radius:8px;padding:.5rem 1rem;margin:1rem 0}
.billing pre{margin:.5rem 0}
textarea.wide,select{max-width:48rem}
.thread-pane textarea,.thread-pane input{max-width:100%}
textarea.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92rem}
.status-line{font-size:1.1rem}
`;
