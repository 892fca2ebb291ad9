// A WSX client on the npm `ws` package, driven by NodeWsClientTest: it connects to the
// server's /_wsx (offering permessage-deflate, as ws does by default), makes a few calls,
// follows a topic, and prints one JSON line per result for the test to check.
import WebSocket from "ws";

const [port, topic] = process.argv.slice(2);
const socket = new WebSocket(`ws://127.0.0.1:${port}/_wsx`, "wsx");
const pending = new Map();
let nextId = 1;
const print = (what, value) => console.log(JSON.stringify({what, value}));

function call(method, path, extra = {}) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    socket.send("WSX://" + JSON.stringify({id, method, path, ...extra}));
  });
}

const events = [];
let eventWaiter = null;
socket.on("message", (data, isBinary) => {
  const text = data.toString("utf8");
  const message = JSON.parse(text.slice(6));
  if (pending.has(message.id)) {
    const resolve = pending.get(message.id);
    pending.delete(message.id);
    resolve(message);
  } else if (eventWaiter) {
    const w = eventWaiter;
    eventWaiter = null;
    w(message);
  } else {
    events.push(message);
  }
});
const nextEvent = () => events.length ? Promise.resolve(events.shift()) : new Promise((r) => { eventWaiter = r; });

socket.on("open", async () => {
  print("protocol", socket.protocol);
  print("extensions", socket.extensions);
  const hello = await call("GET", "/desk/hello", {query: {name: "node"}});
  print("hello", {status: hello.status, data: hello.data});
  const big = "x".repeat(200 * 1024);
  const echo = await call("POST", "/desk/hello", {data: {name: big}});
  print("big", {status: echo.status, length: echo.data.length});
  const many = await Promise.all(Array.from({length: 50}, (_, i) => call("GET", "/desk/hello", {query: {name: "n" + i}})));
  print("many", many.every((r, i) => r.status === 200 && r.data === "hello n" + i));
  const sub = await call("SUBSCRIBE", topic);
  print("subscribed", sub.status);
  print("ready", true);
  const event = await nextEvent();
  print("event", event);
  socket.close(1000, "done");
});
socket.on("close", (code, reason) => {
  print("closed", {code, reason: reason.toString()});
  process.exit(0);
});
socket.on("error", (error) => {
  print("error", String(error));
  process.exit(1);
});
setTimeout(() => { print("error", "timed out"); process.exit(2); }, 20000);
