// Runs the compiled openapi-fetch client against the server at the address it is given and
// prints what each call returned, as JSON, for the test suite to check.
import * as parley from "./out/fetch_client.js";
const client = parley.parley(process.argv[2]);
console.log(JSON.stringify({
  raisedByRussia: await parley.raisedByRussia(client, 2),
  roundNameInArabic: await parley.roundNameInArabic(client, 2),
  search: await parley.search(client, "دارشيف"),
  issuesTable: await parley.issuesTable(client, 2),
  missingRound: await parley.missingRound(client, 9),
}));
