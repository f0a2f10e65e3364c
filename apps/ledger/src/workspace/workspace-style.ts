/**
 * The workspace's stylesheet, served from /workspace/assets/workspace.css so the pages' CSP allows no inline style.
 * The public site's palette and type (apps/public/src/pages/layout.ts), with the form parts an officer's pages need.
 */
export const WORKSPACE_STYLESHEET = `
:root{--ink:#0b0c0c;--muted:#3d4448;--link:#1d4f91;--focus:#ffdd00;--line:#b1b4b6;--ok:#00703c;--bad:#b3261e;--panel:#f3f2f1}
*{box-sizing:border-box}body{margin:0;font:1.05rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#fff}
a{color:var(--link)}a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 0 0 5px var(--ink)}
.skip{position:absolute;left:-999px;top:0;background:var(--focus);color:var(--ink);padding:.5rem 1rem}.skip:focus{left:0}
header{background:#0b0c0c;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
header a{color:#fff}header .service{font-weight:700}header form{margin:0}
header button{background:transparent;border-color:#fff;color:#fff;padding:.2rem .6rem}
main{max-width:60rem;margin:0 auto;padding:1rem}footer{border-top:1px solid var(--line);padding:1rem;max-width:60rem;margin:2rem auto 0;color:var(--muted)}
h1{font-size:2rem;line-height:1.2;margin:1rem 0}.panel{background:var(--panel);padding:.75rem 1rem;margin:1rem 0;border-left:5px solid var(--line)}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.5rem;margin:1rem 0}dl.summary dt{font-weight:600}dl.summary dd{margin:0}dl.summary ul{margin:0;padding-left:1.2rem}
label{display:block;font-weight:600;margin-bottom:.25rem}.hint{color:var(--muted);margin:0 0 .35rem}.field{margin:0 0 1.25rem}
input,select,button{font:inherit;padding:.4rem .5rem;border:2px solid var(--ink)}input{width:100%;max-width:32rem}
button{background:#00703c;color:#fff;border-color:#00703c;cursor:pointer;min-height:44px}
.error-summary{border:4px solid var(--bad);padding:1rem;margin:0 0 1.5rem}.error-summary h2{margin-top:0;font-size:1.25rem}
.error-summary a{color:var(--bad);font-weight:600}.field.invalid{border-left:5px solid var(--bad);padding-left:1rem}
.error{color:var(--bad);font-weight:600;margin:0 0 .35rem}.field.invalid input{border-color:var(--bad)}.muted{color:var(--muted)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.notice{border-left:5px solid var(--ok);background:var(--panel);padding:.5rem 1rem;margin:1rem 0}.tag{font-size:.9rem;background:var(--panel);border:1px solid var(--ink);padding:0 .4rem}
ol.facts{list-style:none;padding:0}li.fact{border-top:1px solid var(--line);padding:.5rem 0}li.fact h2{font-size:1.25rem;margin:.5rem 0}
.actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}.choice{display:flex;gap:.5rem;align-items:center}.choice input{width:auto;min-width:24px;min-height:24px}.choice label{font-weight:400;margin:0}
fieldset{border:1px solid var(--line);margin:0 0 1.5rem;padding:1rem}legend{font-weight:700;padding:0 .25rem}textarea{font:inherit;width:100%;max-width:40rem;padding:.4rem .5rem;border:2px solid var(--ink)}
button.secondary{background:var(--panel);color:var(--ink);border-color:var(--ink)}button.warning{background:var(--bad);border-color:var(--bad)}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:.35rem .5rem}
.warning-text{border-left:5px solid var(--bad);padding:.5rem 1rem;font-weight:600}
`;
