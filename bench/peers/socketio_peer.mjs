// Reference peer on socket.io: a room per board, every peer message as the
// event "m". Alone it counts seqs in memory; with --redis URL it runs as it
// would to scale out: @socket.io/redis-adapter (ioredis) for the rooms and
// the seq from Redis INCR.
import { createServer } from 'node:http';

import { Server } from 'socket.io';

import { announce, checkClientMessage, cursor, error, joined, op, peerOptions } from './protocol.mjs';

const { port, redis } = peerOptions({ redis: { type: 'string' } });

const http = createServer();
const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });

// The board's sequence counter: in memory, or shared through Redis.
let nextSeq;
let currentSeq;
if (redis) {
  const { Redis } = await import('ioredis');
  const { createAdapter } = await import('@socket.io/redis-adapter');
  const pub = new Redis(redis);
  const sub = pub.duplicate();
  const store = pub.duplicate();
  io.adapter(createAdapter(pub, sub));
  // INCR replies come back in the order they were sent, so emits keep seq order.
  nextSeq = (board) => store.incr(`bench:{${board}}:seq`);
  currentSeq = async (board) => Number(await store.get(`bench:{${board}}:seq`)) || 0;
} else {
  const seqs = new Map();
  nextSeq = (board) => {
    const seq = (seqs.get(board) ?? 0) + 1;
    seqs.set(board, seq);
    return seq;
  };
  currentSeq = (board) => seqs.get(board) ?? 0;
}

io.on('connection', (socket) => {
  let board = null;
  let author = '';
  socket.on('m', async (raw) => {
    // socket.io has parsed the JSON already; the same checks as the other peers.
    const m = checkClientMessage(raw);
    if (!m) return socket.emit('m', error(1));
    if (m.t === 'join') {
      if (board) return socket.emit('m', error(5));
      board = m.board;
      author = m.author;
      socket.join(board);
      return socket.emit('m', joined(await currentSeq(board)));
    }
    if (!board) return socket.emit('m', error(4));
    if (m.t === 'op') {
      const seq = await nextSeq(board);
      io.to(board).emit('m', op(seq, author, m));
    } else {
      socket.to(board).emit('m', cursor(author, m));
    }
  });
});

http.listen(port, () => announce(http.address().port));
