/**
 * The GOV.UK Design System's look, written out inline: the page is one file opened with no network, so it can
 * fetch neither govuk-frontend's stylesheet nor its font (the system font stack stands in for GDS Transport).
 * Colours, spacing and focus states follow govuk-frontend 5/6.
 */
export const PAGE_STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;background:#f3f2f1}
body{margin:0;background:#fff;color:#0b0c0c;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.1875rem;line-height:1.32;overflow-wrap:break-word}
.skip-link{position:absolute;left:-9999px;top:0;padding:10px 15px;background:#ffdd00;color:#0b0c0c}
.skip-link:focus{left:0;outline:3px solid #ffdd00;box-shadow:0 4px #0b0c0c;text-decoration:none}
.header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8;padding:10px 0}
.header__title{font-weight:700;font-size:1.5rem;margin-right:10px}
.width{max-width:960px;margin:0 15px}
@media (min-width:40.0625em){.width{margin:0 30px}}
@media (min-width:1020px){.width{margin:0 auto}}
main{display:block;padding:30px 0 60px}
h1,h2,h3,h4{font-weight:700;margin:0 0 20px;line-height:1.1}
h1{font-size:2rem;margin-bottom:30px}
h2{font-size:1.5rem;margin-top:40px}
h3{font-size:1.25rem;margin-top:30px}
h4{font-size:1.1875rem;margin-top:20px;margin-bottom:10px}
@media (max-width:40em){.panel{padding:15px}}
@media (min-width:40.0625em){h1{font-size:3rem}h2{font-size:2.25rem}h3{font-size:1.5rem}}
p{margin:0 0 20px}
.lead{font-size:1.3rem}
.hint{color:#484949;display:block;margin-bottom:15px}
.quiet{color:#484949}
a{color:#1d70b8;text-decoration:underline;text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#003078;text-decoration-thickness:3px}
a:focus,summary:focus{outline:3px solid transparent;color:#0b0c0c;background-color:#ffdd00;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none}
ul,ol{margin:0 0 20px;padding-left:20px}
li{margin-bottom:5px}
code,.hash{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere;word-break:break-all}
.fingerprint{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em;word-break:normal;overflow-wrap:normal}
.panel{padding:25px;margin:0 0 30px;border:5px solid transparent}
.panel h2{margin:0 0 15px;font-size:2.25rem;line-height:1}
.panel p:last-child,.panel ul:last-child{margin-bottom:0}
.panel--verified{background:#00703c;color:#fff;text-align:center}
.panel--verified p{font-size:1.3rem}
.panel--failed{background:#fff;color:#0b0c0c;border-color:#d4351c}
.panel--failed h2{color:#d4351c}
.panel--checking{background:#f3f2f1}
.failures{padding-left:20px}
.failures li{margin-bottom:12px}
.mark{font-weight:700}
.warning{border-left:10px solid #d4351c;padding:15px;background:#fff;margin:0 0 20px}
.inset{border-left:10px solid #b1b4b6;padding:15px;margin:0 0 20px}
label,.label{display:block;font-weight:700;margin-bottom:5px}
input[type=text]{font:inherit;width:100%;max-width:44em;height:2.5em;padding:5px;border:2px solid #0b0c0c;border-radius:0;margin-bottom:15px}
input[type=file]{font:inherit;max-width:100%;margin-bottom:15px;padding:5px 0}
input:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
.form-group{margin-bottom:30px}
.button{font:inherit;font-size:1.1875rem;line-height:1.2;display:inline-block;padding:8px 10px 7px;margin:0 15px 20px 0;border:2px solid transparent;border-radius:0;color:#fff;background:#00703c;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none;text-align:center}
.button:link,.button:visited,.button:hover{color:#fff;text-decoration:none}
.button:hover{background:#005a30}
.button:focus{outline:3px solid transparent;outline-offset:0;border-color:#ffdd00;background:#ffdd00;color:#0b0c0c;box-shadow:inset 0 0 0 1px #ffdd00,0 2px 0 #0b0c0c}
.button--secondary,.button--secondary:link,.button--secondary:visited,.button--secondary:hover{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
.button--secondary:hover{background:#dbdad9}
.drop-zone{border:3px dashed #b1b4b6;padding:20px;margin-bottom:20px}
.drop-zone--active{border-color:#1d70b8;background:#f3f2f1}
.summary{margin:0 0 30px;padding:0}
.summary div{border-bottom:1px solid #b1b4b6;padding:10px 0}
.summary dt{font-weight:700;margin-bottom:5px}
.summary dd{margin:0}
.summary dd p:last-child,.summary dd ul:last-child{margin-bottom:0}
@media (min-width:40.0625em){.summary div{display:flex}.summary dt{flex:0 0 30%;padding-right:20px}.summary dd{flex:1}}
.table-wrap{overflow-x:auto;margin-bottom:20px}
table{border-collapse:collapse;width:100%;font-size:1rem}
th,td{text-align:left;vertical-align:top;padding:10px 20px 10px 0;border-bottom:1px solid #b1b4b6}
th{font-weight:700}
.entry{border-left:5px solid #1d70b8;padding:0 0 0 15px;margin:0 0 25px}
.entry p{margin-bottom:5px}
details{margin:0 0 30px}
summary{cursor:pointer;color:#1d70b8;text-decoration:underline;display:inline-block}
details[open] > summary{margin-bottom:15px}
.details-body{border-left:5px solid #b1b4b6;padding:15px}
.tag{display:inline-block;padding:2px 8px;font-weight:700;background:#cce2d8;color:#005a30}
`;
