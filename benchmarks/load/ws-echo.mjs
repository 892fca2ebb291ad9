// The npm ws package as a WebSocket echo server, the peer of our engine in ws.sh:
//   node ws-echo.mjs PORT
// No compression (the load client offers none), every message back as it came.
import { WebSocketServer } from "ws";

const port = Number(process.argv[2] || 8091);
const server = new WebSocketServer({ host: "127.0.0.1", port, perMessageDeflate: false });
server.on("connection", (socket) => {
  socket.on("message", (data, isBinary) => socket.send(data, { binary: isBinary }));
});
server.on("listening", () => console.error(`ws echo on ws://127.0.0.1:${port}/`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
