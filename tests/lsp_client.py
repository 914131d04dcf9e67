"""The YAML language server of VS Code's YAML extension, driven over stdio as the editor drives it.

`npm ci --prefix tests/lsp` installs the pinned yaml-language-server (.ci/run does). A `Server`
opens a workspace folder with the `yaml.*` settings of its `.vscode/settings.json`, answers the
server's requests for configuration, and returns what the editor would show: the diagnostics of
an opened file, the completion items and the hover at a position.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any, NamedTuple

PACKAGE = Path(__file__).resolve().parent / "lsp"
SERVER = PACKAGE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
TIMEOUT = 60.0


class Diagnostic(NamedTuple):
    line: int  # 1-based, as an editor shows it
    message: str


def installed() -> Path:
    """The server's entry point; a clear failure when it has not been installed."""
    if not SERVER.is_file() or shutil.which("node") is None:
        raise AssertionError(f"yaml-language-server is not installed: run `npm ci --prefix {PACKAGE}` (needs node)")
    return SERVER


def workspace_settings(root: Path) -> dict[str, Any]:
    """The `yaml` section of the folder's .vscode/settings.json, as VS Code hands it to the extension."""
    flat = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    section = {key.removeprefix("yaml."): value for key, value in flat.items() if key.startswith("yaml.")}
    # No network here: the extension's own default would fetch the SchemaStore catalogue.
    section["schemaStore"] = {"enable": False}
    return section


class Server:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.settings = workspace_settings(root)
        self._proc = subprocess.Popen(
            ["node", str(installed()), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=root,
        )
        self._lock = threading.Lock()
        self._next = 0
        self._version = 0
        self._inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self._configured = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "workspace": {"configuration": True, "workspaceFolders": True},
                    "textDocument": {
                        "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": None})
        if not self._configured.wait(TIMEOUT):
            raise AssertionError("the language server never asked for its configuration")

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self._proc.wait(timeout=10)
        finally:
            if self._proc.poll() is None:
                self._proc.kill()
                self._proc.wait()

    # --- the wire -----------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self._proc.stdin is not None
        with self._lock:
            self._proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self._proc.stdin.flush()

    def _read(self) -> None:
        stream = self._proc.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                return
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:
                self._answer(message)
            else:
                self._inbox.put(message)

    def _answer(self, message: dict[str, Any]) -> None:
        """The requests a server makes of its editor: configuration is the settings; the rest need no answer."""
        result: Any = None
        if message["method"] == "workspace/configuration":
            items = message["params"]["items"]
            result = [self.settings if item.get("section") == "yaml" else {} for item in items]
            self._configured.set()
        self._send({"id": message["id"], "result": result})

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self._next += 1
        ident = self._next
        self._send({"id": ident, "method": method, "params": params})
        message = self._wait(lambda m: m.get("id") == ident)
        if "error" in message:
            raise AssertionError(f"{method}: {message['error']}")
        return message.get("result")

    def _wait(self, wanted: Any) -> dict[str, Any]:
        while True:
            try:
                message = self._inbox.get(timeout=TIMEOUT)
            except queue.Empty:
                raise AssertionError("the language server did not answer") from None
            if wanted(message):
                return message

    # --- what the editor shows ----------------------------------------------------------------

    def _published(self, uri: str) -> list[dict[str, Any]]:
        message = self._wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        )
        found: list[dict[str, Any]] = message["params"]["diagnostics"]
        return found

    def _opened(self, path: Path, text: str | None) -> tuple[str, list[dict[str, Any]]]:
        """Open a document and wait for its validation, which the server publishes once per opening."""
        uri = path.as_uri()
        content = path.read_text(encoding="utf-8") if text is None else text
        # A new version each time: the server keeps a parsed document by its uri and version.
        self._version += 1
        document = {"uri": uri, "languageId": "yaml", "version": self._version, "text": content}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri, self._published(uri)

    def _close(self, uri: str) -> None:
        """Close it; the server clears its diagnostics, which is one more publication to take."""
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert self._published(uri) == []

    def open(self, path: Path, text: str | None = None) -> list[Diagnostic]:
        """Open a file (its text on disk, or `text` as if typed into it); the diagnostics the editor shows."""
        uri, found = self._opened(path, text)
        self._close(uri)
        return [Diagnostic(d["range"]["start"]["line"] + 1, d["message"]) for d in found]

    def completion(self, path: Path, text: str, line: int, character: int) -> list[dict[str, Any]]:
        """The completion items at a 1-based line and 0-based character of `text` opened as `path`."""
        uri, _ = self._opened(path, text)
        position = {"line": line - 1, "character": character}
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position})
        self._close(uri)
        items: list[dict[str, Any]] = result["items"] if isinstance(result, dict) else result or []
        return items

    def hover(self, path: Path, text: str, line: int, character: int) -> str:
        """The hover text (Markdown) at a 1-based line and 0-based character of `text` opened as `path`."""
        uri, _ = self._opened(path, text)
        position = {"line": line - 1, "character": character}
        result = self.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
        self._close(uri)
        contents = (result or {}).get("contents", "")
        return str(contents.get("value", "") if isinstance(contents, dict) else contents)
