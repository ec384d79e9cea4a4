// Reference peer on uWebSockets (npm @trufflesuite/uws-js-unofficial): one
// pub/sub topic per board; ops published to the topic (author included),
// cursors published from the sender's socket (everyone else).
import uWS from '@trufflesuite/uws-js-unofficial';

import {
  announce, cursorMessage, errorMessage, joinedMessage, opMessage, parseClientMessage, peerOptions,
} from './protocol.mjs';

const { port } = peerOptions();
const seqs = new Map(); // board id -> last seq
const text = new TextDecoder();

const app = uWS.App();
app.ws('/*', {
  compression: uWS.DISABLED,
  maxPayloadLength: 1 << 20,
  // Generous, so a slow reader is measured rather than dropped.
  maxBackpressure: 64 << 20,
  idleTimeout: 120,
  message: (ws, message) => {
    const m = parseClientMessage(text.decode(message));
    const user = ws.getUserData();
    if (!m) return ws.send(errorMessage(1));
    if (m.t === 'join') {
      if (user.board) return ws.send(errorMessage(5));
      user.board = m.board;
      user.author = m.author;
      ws.subscribe(m.board);
      return ws.send(joinedMessage(seqs.get(m.board) ?? 0));
    }
    if (!user.board) return ws.send(errorMessage(4));
    if (m.t === 'op') {
      const seq = (seqs.get(user.board) ?? 0) + 1;
      seqs.set(user.board, seq);
      app.publish(user.board, opMessage(seq, user.author, m));
    } else {
      ws.publish(user.board, cursorMessage(user.author, m));
    }
  },
});

app.listen(port, (token) => {
  if (!token) {
    console.error(`cannot listen on ${port}`);
    process.exit(1);
  }
  announce(uWS.us_socket_local_port(token));
});
