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
h2{font-size:1.5rem;margin:2rem 0 .75rem}h3{font-size:1.2rem;margin:1.5rem 0 .5rem}
textarea{font:inherit;padding:.4rem .5rem;border:2px solid var(--ink);width:100%;max-width:40rem}textarea:focus,details>summary:focus{outline:3px solid var(--focus);box-shadow:0 0 0 5px var(--ink)}
fieldset{border:1px solid var(--line);padding:.75rem 1rem;max-width:44rem}legend{font-weight:600;padding:0 .25rem}
.check{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .5rem;margin:.25rem 0}.check input{width:1.5rem;height:1.5rem;margin:0}.check label{font-weight:400;margin:0}.check .hint{flex-basis:100%}
.checkboxes{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;padding:.25rem 0}th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--line)}
.notice{border-left:5px solid var(--ok);background:var(--panel);padding:.5rem 1rem;margin:0 0 1rem}.crumbs{margin:.25rem 0}
.tag{display:inline-block;border:2px solid var(--ink);padding:0 .35rem;font-size:.9rem}.warning{color:var(--bad)}.warning-panel{border-left-color:var(--bad)}
ul.actions{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;padding:0;list-style:none}ol.agenda li{margin:0 0 .75rem}ol.agenda p{margin:.15rem 0 0}
details.row-form{border-left:5px solid var(--line);padding:.25rem 1rem;margin:.5rem 0}details.row-form summary{cursor:pointer;color:var(--link);min-height:44px;padding:.5rem 0}
button.warning-button{background:var(--bad);border-color:var(--bad)}ul.bodies ul{margin:.25rem 0 .5rem}ul.bodies li{margin:.2rem 0}
fieldset.part{border:0;padding:0;margin:0 0 1.5rem;max-width:none}fieldset.part legend h2{margin:1rem 0 .5rem}.row{display:flex;flex-wrap:wrap;gap:0 1.5rem}.row .field{flex:1 1 14rem}
table.grid td{text-align:center;vertical-align:middle}table.grid input[type=radio]{width:1.5rem;height:1.5rem}table.grid tr.invalid th{border-left:5px solid var(--bad)}
.verdict{border:4px solid var(--ok);padding:1rem;margin:1.5rem 0}.verdict.invalid{border-color:var(--bad)}.verdict h2{margin-top:0}
.findings li.ok{color:var(--ok)}.findings li.not-ok{color:var(--bad)}
.actions{display:flex;flex-wrap:wrap;gap:1rem;margin:1.5rem 0}button.secondary{background:var(--panel);color:var(--ink);border-color:var(--ink)}
table.grid select{max-width:11rem}.grid-wrap{overflow-x:auto}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
ol.facts{list-style:none;padding:0}li.fact{border-top:1px solid var(--line);padding:.5rem 0}li.fact h2{font-size:1.25rem;margin:.5rem 0}
.actions{align-items:center}ul.actions{margin:1rem 0}.choice{display:flex;gap:.5rem;align-items:center}.choice input{width:auto;min-width:24px;min-height:24px}.choice label{font-weight:400;margin:0}
button.warning{background:var(--bad);border-color:var(--bad)}.warning-text{border-left:5px solid var(--bad);padding:.5rem 1rem;font-weight:600}
`;
