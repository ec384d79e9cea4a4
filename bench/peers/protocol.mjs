// The small JSON protocol every reference peer speaks (the load generator's
// ws-json and socketio adapters, bench/loadgen/peer_json.cpp, speak it too):
//   client: {"t":"join","board":B,"author":A}  {"t":"op","cid":N,"color":..,"width":..,"points":[[x,y],...]}
//           {"t":"cur","x":..,"y":..}
//   server: {"t":"joined","seq":S}  {"t":"op","seq":S,"author":A,"cid":N,"color":..,"width":..,"points":...}
//           {"t":"cur","author":A,"x":..,"y":..} (to everyone else)  {"t":"error","code":C}
import { parseArgs } from 'node:util';

export function peerOptions(extra = {}) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8090' }, ...extra },
  });
  return { ...values, port: Number(values.port) };
}

// The client message if it has a known "t" and the fields it needs, else null.
export function checkClientMessage(m) {
  if (m === null || typeof m !== 'object') return null;
  if (m.t === 'join' && typeof m.board === 'string' && typeof m.author === 'string') return m;
  if (m.t === 'op' && Array.isArray(m.points)) return m;
  if (m.t === 'cur') return m;
  return null;
}

// Parses a client text frame; null when it is not a valid message.
export function parseClientMessage(text) {
  try {
    return checkClientMessage(JSON.parse(text));
  } catch {
    return null;
  }
}

// Server messages as objects (socket.io serialises them itself) ...
export const joined = (seq) => ({ t: 'joined', seq });
// The server stamps order and author; the client's fields go out as they came.
export const op = (seq, author, m) => ({ t: 'op', seq, author, cid: m.cid, color: m.color, width: m.width, points: m.points });
export const cursor = (author, m) => ({ t: 'cur', author, x: m.x, y: m.y });
export const error = (code) => ({ t: 'error', code });

// ... and as text frames (ws, uWebSockets).
export const joinedMessage = (seq) => JSON.stringify(joined(seq));
export const opMessage = (seq, author, m) => JSON.stringify(op(seq, author, m));
export const cursorMessage = (author, m) => JSON.stringify(cursor(author, m));
export const errorMessage = (code) => JSON.stringify(error(code));

export function announce(port) {
  console.log(`listening on ${port}`);
}
