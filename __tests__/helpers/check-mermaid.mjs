// Checks Mermaid diagrams with Mermaid's own parser (mermaid is ESM only; jest spawns this file).
// stdin: [{ name, text }] as JSON; stdout: [{ name, ok, type | error }]; exit 1 if any fails.
// mermaid.parse needs a DOM for DOMPurify (jsdom); it enforces maxEdges (500) but not maxTextSize
// (50,000), which only render applies, by drawing an error instead: that one is checked here.
import { JSDOM } from "jsdom";

const { window } = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;
// Imported after the globals: DOMPurify binds to the window when it loads.
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false }); // Mermaid's defaults: maxTextSize 50000, maxEdges 500
const MAX_TEXT = 50000;

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const { name, text } of JSON.parse(input)) {
  if (text.length > MAX_TEXT) {
    results.push({ name, ok: false, error: `${text.length} characters: over maxTextSize (${MAX_TEXT})` });
    continue;
  }
  try {
    const { diagramType } = await mermaid.parse(text);
    results.push({ name, ok: true, type: diagramType });
  } catch (error) {
    results.push({
      name,
      ok: false,
      error: String(error?.message ?? error)
        .split("\n")
        .slice(0, 4)
        .join(" | "),
    });
  }
}
process.stdout.write(JSON.stringify(results));
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
