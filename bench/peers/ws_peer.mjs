// Reference peer on npm `ws`: a room per board held in memory, a sequence
// counter per board, every op broadcast to the whole room (author included),
// cursors to everyone else. What a typical Node board server looks like.
import { WebSocketServer } from 'ws';

import {
  announce, cursorMessage, errorMessage, joinedMessage, opMessage, parseClientMessage, peerOptions,
} from './protocol.mjs';

const { port } = peerOptions();
const boards = new Map(); // board id -> { seq, members: Set<WebSocket> }

const wss = new WebSocketServer({ port, perMessageDeflate: false });

wss.on('connection', (socket) => {
  let board = null;
  let author = '';
  socket.on('message', (data) => {
    const m = parseClientMessage(data.toString());
    if (!m) return socket.send(errorMessage(1));
    if (m.t === 'join') {
      if (board) return socket.send(errorMessage(5));
      board = boards.get(m.board);
      if (!board) {
        board = { seq: 0, members: new Set() };
        boards.set(m.board, board);
      }
      author = m.author;
      board.members.add(socket);
      return socket.send(joinedMessage(board.seq));
    }
    if (!board) return socket.send(errorMessage(4));
    if (m.t === 'op') {
      // Serialised once, sent to every member.
      const out = opMessage(++board.seq, author, m);
      for (const member of board.members) member.send(out);
    } else {
      const out = cursorMessage(author, m);
      for (const member of board.members) if (member !== socket) member.send(out);
    }
  });
  socket.on('close', () => {
    // The board and its counter stay: a real server keeps a board's order across visits.
    if (board) board.members.delete(socket);
  });
});

wss.on('listening', () => announce(wss.address().port));
