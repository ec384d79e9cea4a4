// Optional deployment settings for SquiggleSync, read before the client starts.
//
// By default the page talks to the server it was loaded from, at
// ws://<this host>/ws (wss:// when the page is served over https). When the
// page is hosted somewhere else (for example on Cloudflare Pages) and the
// server runs elsewhere, name the server's WebSocket endpoint here:
//
// window.SQUIGGLE_CONFIG = {
//   wsUrl: "wss://squiggle.example.com/ws",
// };
