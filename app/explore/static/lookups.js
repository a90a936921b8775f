// Small lists that many views need to turn ids into names and links: the sources, the numbered
// rounds and the participants. Each is one request for the life of the page.

import { get, getAll } from "./api.js";

/** @typedef {import("./types").SourcePublic} SourcePublic */
/** @typedef {import("./types").RoundPublic} RoundPublic */
/** @typedef {import("./types").ParticipantPublic} ParticipantPublic */
/** @typedef {import("./types").MetaPublic} MetaPublic */

/** @returns {Promise<Map<string, SourcePublic>>} */
export async function sourcesById() {
  const sources = /** @type {SourcePublic[]} */ (await getAll("/sources"));
  return new Map(sources.map((source) => [source.id, source]));
}

/** The numbered rounds, in order. */
export async function rounds() {
  return /** @type {RoundPublic[]} */ (await getAll("/rounds?sort=number"));
}

/** Meeting id (e.g. "round-2") to round number; meetings outside the rounds have none. */
export async function roundNumbers() {
  return new Map((await rounds()).map((round) => [round.id, round.number]));
}

export async function participants() {
  return /** @type {ParticipantPublic[]} */ (await getAll("/participants"));
}

/** @returns {Promise<MetaPublic>} */
export function meta() {
  return get("/meta");
}
