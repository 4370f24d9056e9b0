/**
 * "Did you mean …?" for misspelt field names and values: the closest candidate by edit distance
 * (with transpositions), compared case-insensitively so `privatenetworking` finds
 * `privateNetworking`.
 */

/** Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/** How far a guess may be from what was typed: one edit for short words, up to three for long ones. */
function tolerance(length: number): number {
  if (length <= 4) return 1;
  if (length <= 9) return 2;
  return 3;
}

/**
 * The candidate closest to `input`, if one is close enough. Ties go to candidates `preferred`
 * accepts (fields private-eks implements), then to the first in order.
 */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
  preferred: (candidate: string) => boolean = () => true,
): string | undefined {
  // Long inputs are not typos of field names; comparing them would only cost time.
  if (input.length === 0 || input.length > 64) return undefined;
  const typed = input.toLowerCase();
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    // The distance is at least the difference in length: most candidates end here, cheaply.
    if (Math.abs(candidate.length - input.length) > tolerance(Math.max(input.length, candidate.length))) continue;
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance > tolerance(Math.max(input.length, candidate.length))) continue;
    // Half a point against candidates private-eks does not implement, so real fields win ties.
    const score = distance + (preferred(candidate) ? 0 : 0.5);
    if (best === undefined || score < best.score) best = { candidate, score };
  }
  return best?.candidate;
}
