/**
 * A deterministic census-like table for the fit-time bench: 15 mixed columns (integers, a float,
 * categories, a date) with '?' for missing cells, correlated the way survey tables are (education
 * drives years of schooling, hours and income; workclass and occupation go missing together).
 * No installed package ships a ~10k-row mixed table with missing tokens, so we make one.
 */
import { seededRandom } from '../main/engine/core/random';

const workclasses = ['Private', 'Self-emp', 'Local-gov', 'State-gov', 'Federal-gov', 'Without-pay'];
const educations = ['HS-grad', 'Some-college', 'Bachelors', 'Masters', 'Assoc', '11th', 'Doctorate', '9th'];
const schooling: Record<string, number> = { 'HS-grad': 9, 'Some-college': 10, Bachelors: 13, Masters: 14, Assoc: 11, '11th': 7, Doctorate: 16, '9th': 5 };
const maritals = ['Married', 'Never-married', 'Divorced', 'Separated', 'Widowed'];
const occupations = ['Craft', 'Prof', 'Exec', 'Sales', 'Clerical', 'Service', 'Transport', 'Farming', 'Tech'];
const countries = ['US', 'Mexico', 'Philippines', 'Germany', 'Canada', 'India'];

export const mixedTableColumns = [
  'age', 'workclass', 'fnlwgt', 'education', 'education_num', 'marital', 'occupation', 'relationship',
  'sex', 'capital_gain', 'hours_per_week', 'native_country', 'score', 'interview_date', 'income',
] as const;

/** The table as CSV text: `rows` rows, the same bytes for the same seed. */
export function mixedTableCsv(rows: number, seed = 7): string {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const pick = <T>(xs: readonly T[], skew = 1.6): T => xs[Math.min(xs.length - 1, Math.floor(xs.length * random() ** skew))]!;
  const lines = [mixedTableColumns.join(',')];
  const day0 = Date.UTC(2019, 0, 1);
  for (let r = 0; r < rows; r++) {
    const age = Math.round(Math.min(90, Math.max(17, 38 + 13 * gauss())));
    const education = pick(educations);
    const years = schooling[education]!;
    const married = age > 25 && random() < 0.55;
    const marital = married ? 'Married' : pick(maritals.slice(1), 1.2);
    const sex = random() < (married ? 0.85 : 0.5) ? 'Male' : 'Female';
    const relationship = married ? (sex === 'Male' ? 'Husband' : 'Wife') : age < 25 ? 'Own-child' : pick(['Not-in-family', 'Unmarried'], 1);
    // Work details go missing together, as in the census extract (~5.7% of rows).
    const noWork = random() < 0.057;
    const workclass = noWork ? '?' : pick(workclasses, 2.5);
    const occupation = noWork ? '?' : years >= 13 ? pick(['Prof', 'Exec', 'Tech', 'Sales'], 1.2) : pick(occupations, 1.3);
    const hours = Math.round(Math.min(99, Math.max(1, (noWork ? 30 : 40) + (years >= 13 ? 4 : 0) + 11 * gauss())));
    const gain = random() < 0.08 ? Math.round(Math.exp(7 + 1.5 * random() + 0.4 * gauss())) : 0;
    const richness = (years - 10) * 0.45 + (married ? 1.1 : -0.8) + (hours - 40) * 0.04 + (gain > 0 ? 1.5 : 0) + (age - 38) * 0.02;
    const income = random() < 1 / (1 + Math.exp(-(richness - 1.2))) ? '>50K' : '<=50K';
    const country = random() < 0.018 ? '?' : pick(countries, 6);
    const fnlwgt = Math.round(Math.exp(12 + 0.5 * gauss()));
    const score = (50 + 8 * years / 4 + 10 * gauss()).toFixed(2);
    const date = new Date(day0 + Math.floor(random() * 730) * 86_400_000).toISOString().slice(0, 10);
    lines.push([age, workclass, fnlwgt, education, years, marital, occupation, relationship, sex, gain, hours, country, score, date, income].join(','));
  }
  return lines.join('\n') + '\n';
}
