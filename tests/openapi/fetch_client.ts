// A client of the API through openapi-fetch, typed by the generated paths alone: compiled with
// `tsc --strict` and run against a live server by the test suite. No casts and no media-type
// arguments: each operation declares one body type, and a record asked for with `lang` is told
// apart from a bilingual one by its fields.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./parley";

export type Parley = Client<paths>;

export function parley(baseUrl: string): Parley {
  return createClient<paths>({ baseUrl });
}

/** The English names of the issues Russia raised in a round (bilingual records). */
export async function raisedByRussia(client: Parley, round: number): Promise<string[]> {
  const { data, error } = await client.GET("/api/v1/rounds/{number}/issues", {
    params: { path: { number: round }, query: { limit: 500 } },
  });
  if (error) throw new Error(error.detail);
  return data.items.flatMap((issue) =>
    "name_en" in issue && issue.raised_by.includes("RU") ? [issue.name_en] : [],
  );
}

/** A round's name in Arabic, asked for with `lang=ar`. */
export async function roundNameInArabic(client: Parley, round: number): Promise<string> {
  const { data, error } = await client.GET("/api/v1/rounds/{number}", {
    params: { path: { number: round }, query: { lang: "ar" } },
  });
  if (error) throw new Error(error.detail);
  return "name" in data ? data.name : data.name_ar;
}

/** The ids a search finds, best first. */
export async function search(client: Parley, q: string): Promise<string[]> {
  const { data, error } = await client.GET("/api/v1/search", { params: { query: { q } } });
  if (error) throw new Error(error.detail);
  return data.items.map((hit) => hit.id);
}

/** A list as its CSV table. */
export async function issuesTable(client: Parley, round: number): Promise<string> {
  const { data, error } = await client.GET("/api/v1/rounds/{number}/issues.csv", {
    params: { path: { number: round } },
    parseAs: "text",
  });
  if (error) throw new Error(error.detail);
  return data;
}

/** The problem a missing round is answered with. */
export async function missingRound(client: Parley, round: number): Promise<string> {
  const { data, error, response } = await client.GET("/api/v1/rounds/{number}", {
    params: { path: { number: round } },
  });
  if (data) throw new Error(`round ${round} exists`);
  return `${response.status} ${error.status} ${error.detail}`;
}
