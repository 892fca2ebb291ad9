package chat;

/**
 * The chat page: plain HTML and a small script, nothing loaded from elsewhere. The script
 * holds one socket to {@code /_wsx}, numbers its calls, matches replies to calls by id
 * (they may come back in any order), and shows events of the room it follows. Lines are
 * written with {@code textContent}, never as HTML: what others type cannot run here.
 */
final class Page {
    private Page() {
    }

    static final String HTML = """
            <!doctype html>
            <html lang="en">
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>wsx-chat</title>
            <style>
              body { font: 15px/1.4 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
              form { display: flex; gap: .5rem; margin: .5rem 0; }
              input[name=text] { flex: 1; }
              #log { list-style: none; padding: 0; border: 1px solid #ccc; min-height: 12rem; max-height: 24rem;
                     overflow-y: auto; }
              #log li { padding: .15rem .5rem; }
              #log b { margin-right: .4rem; }
              #status { color: #666; font-size: .9em; }
            </style>
            <h1>wsx-chat</h1>
            <p id="status" role="status">connecting…</p>
            <form id="join">
              <label>Name <input id="name" name="name" maxlength="40" required></label>
              <label>Room <input id="room" name="room" value="lobby" pattern="[a-z0-9][a-z0-9-]{0,31}" required></label>
              <button>Join</button>
            </form>
            <ul id="log" aria-live="polite"></ul>
            <form id="say">
              <input id="text" name="text" maxlength="2000" autocomplete="off" disabled aria-label="Line">
              <button disabled>Send</button>
            </form>
            <script>
            "use strict";
            const scheme = location.protocol === "https:" ? "wss://" : "ws://";
            const socket = new WebSocket(scheme + location.host + "/_wsx", "wsx");
            const pending = new Map();
            const ready = new Promise((resolve, reject) => {
              socket.onopen = resolve;
              socket.onerror = reject;
            });
            let nextId = 1;
            let room = null;

            function call(method, path, data) {
              const id = nextId++;
              return new Promise((resolve, reject) => {
                pending.set(id, {resolve, reject});
                socket.send("WSX://" + JSON.stringify({id, method, path, data}));
              });
            }

            socket.onmessage = (event) => {
              if (!event.data.startsWith("WSX://")) return;
              const message = JSON.parse(event.data.slice(6));
              if (message.id !== undefined && pending.has(message.id)) {
                const {resolve, reject} = pending.get(message.id);
                pending.delete(message.id);
                (message.status < 300 ? resolve : reject)(message);
              } else if (message.topic === "/chat/rooms/" + room) {
                show(message.data);
              }
            };
            socket.onclose = (event) => {
              status("disconnected (" + event.code + ")");
              for (const {reject} of pending.values()) reject({status: 0, data: {error: "disconnected"}});
              pending.clear();
            };

            function status(text) {
              document.getElementById("status").textContent = text;
            }

            function show(line) {
              const item = document.createElement("li");
              const who = document.createElement("b");
              who.textContent = line.from;
              item.append(who, line.text);
              item.dataset.seq = line.seq;
              const log = document.getElementById("log");
              log.append(item);
              log.scrollTop = log.scrollHeight;
            }

            function failed(reply) {
              status("error " + reply.status + ": " + (reply.data && reply.data.error || "no detail"));
            }

            document.getElementById("join").addEventListener("submit", async (event) => {
              event.preventDefault();
              await ready;
              const wanted = document.getElementById("room").value;
              try {
                if (room !== null) await call("UNSUBSCRIBE", "/chat/rooms/" + room);
                room = wanted;
                const reply = await call("SUBSCRIBE", "/chat/rooms/" + room);
                document.getElementById("log").replaceChildren();
                reply.data.forEach(show);
                for (const control of document.querySelectorAll("#say input, #say button")) control.disabled = false;
                status("in room " + room + " as " + document.getElementById("name").value);
                document.getElementById("text").focus();
              } catch (reply) {
                failed(reply);
              }
            });

            document.getElementById("say").addEventListener("submit", async (event) => {
              event.preventDefault();
              const input = document.getElementById("text");
              const text = input.value;
              if (text.trim() === "") return;
              try {
                await call("POST", "/chat/say", {room, name: document.getElementById("name").value, text});
                input.value = "";
              } catch (reply) {
                failed(reply);
              }
            });

            ready.then(() => status("connected"), () => status("could not connect"));
            </script>
            </html>
            """;
}
