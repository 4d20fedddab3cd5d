// The intake store's WAL checkpoints, on a worker thread with its own connection, so that the service's
// event loop never copies pages into the database nor waits for the checkpoint's fsyncs.
// Plain JavaScript: worker threads do not inherit the TypeScript loader the service runs with.
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");

const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });
// A checkpoint syncs the WAL before copying and the database after, at NORMAL as at FULL.
db.pragma("synchronous = NORMAL");
db.pragma("wal_autocheckpoint = 0");
const checkpoint = db.prepare("pragma wal_checkpoint(PASSIVE)");
let timer = null;

/** One PASSIVE checkpoint: copies what no reader still needs, never waits for a lock or blocks the writer. */
function pass() {
  try {
    const r = checkpoint.get();
    parentPort.postMessage({ type: "checkpoint", frames: r.log, copied: r.checkpointed });
  } catch (error) {
    // No data is at stake: the frames stay in the WAL until a checkpoint succeeds.
    parentPort.postMessage({ type: "error", code: error.code ?? "SQLITE_ERROR" });
  }
}

function loop() {
  pass();
  timer = setTimeout(loop, intervalMs);
}

parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearTimeout(timer);
  pass();
  db.close();
  parentPort.close();
});
loop();
