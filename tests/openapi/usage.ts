// A client written against the generated types: compiled with `tsc --strict` by the test suite,
// so a change of contract that breaks a client breaks the build.
import type { components, paths } from "./parley";

type RoundIssuesPage =
  paths["/api/v1/rounds/{number}/issues"]["get"]["responses"][200]["content"]["application/json"];
type RoundIssue = components["schemas"]["RoundIssuePublic"];

export function raisedByRussia(page: RoundIssuesPage): string[] {
  const issues = ("items" in page ? page.items : []) as RoundIssue[];
  return issues.filter((issue) => issue.raised_by.includes("RU")).map((issue) => issue.name_en);
}

export async function fetchRoundIssues(base: string, round: number): Promise<RoundIssuesPage> {
  const response = await fetch(`${base}/api/v1/rounds/${round}/issues`);
  if (!response.ok) {
    const problem = (await response.json()) as components["schemas"]["Problem"];
    throw new Error(problem.detail);
  }
  return (await response.json()) as RoundIssuesPage;
}
