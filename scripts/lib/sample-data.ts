// Deterministic SAMPLE neighbourhood data for the real Kent wards. Teams, officers,
// events and priorities have no public source; these are invented, labelled as sample
// data wherever they are shown, and written in the same CSV format a force would use.
import type { COLUMNS, Neighbourhoods } from "./neighbourhoods";

export interface SampleWard {
  code: string;
  name: string;
  districtCode: string;
  centroidLng: number;
  centroidLat: number;
}

export interface SampleDistrict {
  code: string;
  name: string;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const FIRST_NAMES = ["Amelia", "James", "Priya", "Tom", "Grace", "Daniel", "Sophie", "Kwame", "Hannah", "Oliver", "Chloe", "Ryan", "Aisha", "Ben", "Emily", "Marcus", "Zoe", "Sam", "Leah", "Harry", "Nadia", "Luke", "Ellie", "Tariq", "Megan", "Jack", "Rosie", "Adam", "Fatima", "Connor", "Laura", "Josh"];
const SURNAMES = ["Hughes", "Patel", "Clarke", "Okafor", "Turner", "Bennett", "Shah", "Foster", "Murphy", "Wright", "Khan", "Harris", "Doyle", "Evans", "Mensah", "Price", "Walsh", "Cooper", "Ali", "Barnes", "Reid", "Singh", "Kelly", "Fletcher", "Nowak", "Ward", "Lewis", "Hall", "Chapman", "Grant"];

interface Theme {
  theme: string;
  title: (ward: string) => string;
  detail: string;
  actions: string[];
  partners: string[];
  outcome: string;
}

const THEMES: Theme[] = [
  {
    theme: "asb",
    title: (w) => `Anti-social behaviour by groups of young people in ${w}`,
    detail: "Residents reported groups gathering in the evenings, shouting, throwing stones at windows and intimidating passers-by.",
    actions: ["Carried out high-visibility foot patrols on Friday and Saturday evenings", "Issued two Community Protection Warnings", "Worked with the youth service to run a drop-in session at the community centre", "Visited parents of the young people identified and agreed Acceptable Behaviour Contracts"],
    partners: ["the council's community safety team", "Kent County Council youth service", "the local housing association"],
    outcome: "Reports of anti-social behaviour fell over the period and the panel agreed the issue is now managed by routine patrols.",
  },
  {
    theme: "roads",
    title: (w) => `Speeding on residential roads in ${w}`,
    detail: "Residents are concerned about vehicles speeding through the village and near the primary school at drop-off and pick-up times.",
    actions: ["Ran speed checks with the Community Speedwatch volunteers", "Carried out enforcement with a laser speed device and issued fixed penalties", "Referred the road layout to Kent County Council Highways for review", "Sent warning letters to registered keepers recorded by Speedwatch"],
    partners: ["Community Speedwatch volunteers", "Kent County Council Highways", "the primary school"],
    outcome: "Average recorded speeds fell and Highways have agreed to install a vehicle-activated sign.",
  },
  {
    theme: "drugs",
    title: (w) => `Drug dealing in and around ${w}`,
    detail: "Residents reported suspected drug dealing from vehicles and in a footpath near the shops.",
    actions: ["Patrolled the reported locations at the times residents gave", "Used intelligence from residents' reports to target a vehicle; one person arrested", "Executed a drugs warrant with the district's Community Safety Unit", "Worked with the council to cut back vegetation and improve lighting on the footpath"],
    partners: ["the district Community Safety Unit", "the council's environmental team", "a drug and alcohol support service"],
    outcome: "A warrant led to arrests and a closure order; residents report the footpath now feels safe.",
  },
  {
    theme: "parking",
    title: (w) => `Inconsiderate and obstructive parking in ${w}`,
    detail: "Vehicles parked on pavements and junctions are blocking pushchairs and wheelchairs and making it hard for buses to pass.",
    actions: ["Placed advisory notices on vehicles parked on pavements", "Carried out joint patrols with the council's civil enforcement officers", "Dealt with dangerous obstructions and had two vehicles removed", "Asked the school to remind parents about safe parking"],
    partners: ["the council's parking services", "the primary school"],
    outcome: "Obstructions at the junction have reduced; the council has agreed new yellow lines.",
  },
  {
    theme: "theft",
    title: (w) => `Shop theft from local stores in ${w}`,
    detail: "Shop staff reported repeated thefts and abuse from a small number of people.",
    actions: ["Met shop managers to agree a way of reporting and sharing images", "Increased patrols at peak times around the parade of shops", "Identified and charged a repeat offender", "Gave crime prevention advice to businesses on display and staffing"],
    partners: ["the local business forum", "the council's community safety team"],
    outcome: "Two repeat offenders were charged and reported thefts fell; shops now report through the business crime scheme.",
  },
  {
    theme: "burglary",
    title: (w) => `Burglaries and sheds broken into in ${w}`,
    detail: "A run of burglaries to sheds and garages, with bicycles and tools taken.",
    actions: ["Visited neighbours of victims to give crime prevention advice", "Held a bike-marking and shed-security event", "Increased patrols overnight in the affected streets", "Shared suspect descriptions through the neighbourhood watch scheme"],
    partners: ["Neighbourhood Watch", "the parish council"],
    outcome: "No further burglaries of this kind were reported after the arrests and the security event.",
  },
  {
    theme: "environment",
    title: (w) => `Fly-tipping and littering in ${w}`,
    detail: "Rubbish is being dumped in lay-bys and alleys. Fly-tipping is dealt with by the council; police help where it is linked to crime.",
    actions: ["Referred each report to the council, which clears fly-tipping and investigates", "Stopped a van seen dumping waste and passed the details to the council", "Supported the council's enforcement team with joint patrols", "Reminded residents to report fly-tipping to the council online"],
    partners: ["the council's environmental enforcement team", "the parish council"],
    outcome: "The council prosecuted one offender and installed a camera; reports have fallen.",
  },
  {
    theme: "violence",
    title: (w) => `Alcohol-related disorder in the evening economy of ${w}`,
    detail: "Disorder and fights near late-night venues at weekends.",
    actions: ["Deployed officers to the area at closing time on Fridays and Saturdays", "Met licensees through the Pubwatch scheme", "Worked with the council's licensing team on a premises review", "Supported the street pastors on weekend nights"],
    partners: ["Pubwatch", "the council's licensing team", "street pastors"],
    outcome: "Violent incidents at weekends fell and the premises review led to new licence conditions.",
  },
];

const STATUS_BY_AGE = ["making_progress", "on_track", "needs_partner_action", "making_progress", "on_track", "on_track"];

const VENUES = ["Community Centre", "Library", "Village Hall", "Parish Church Hall", "Sports Pavilion", "Primary School (main hall)", "Community Hub"];

function monthOf(d: Date) {
  return d.toISOString().slice(0, 7);
}

function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return monthOf(d);
}

/** A day in the month, but never later than today (an update cannot be published in the future). */
function publishedIn(month: string, day: number, today: Date): string {
  const at = new Date(`${month}-${String(day).padStart(2, "0")}T16:00:00.000Z`);
  return (at > today ? new Date(today.getTime() - 60 * 60 * 1000) : at).toISOString();
}

/** Local wall-clock time in UK (approximated as UTC+0/+1 by month) as an ISO string with offset. */
function londonTime(day: Date, hour: number, minute: number): string {
  const month = day.getUTCMonth();
  const offset = month >= 3 && month <= 9 ? 1 : 0; // BST from April to October
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour - offset, minute));
  return d.toISOString();
}

function compass(dLng: number, dLat: number): string {
  if (Math.hypot(dLng * 0.63, dLat) < 0.02) return "Central";
  const angle = (Math.atan2(dLat, dLng * 0.63) * 180) / Math.PI; // 0 = east
  const names = ["East", "North East", "North", "North West", "West", "South West", "South", "South East"];
  return names[((Math.round(angle / 45) % 8) + 8) % 8]!;
}

/** Split a district's wards into k geographic clusters (k-means on centroids, deterministic). */
function clusterWards(wards: SampleWard[], k: number): SampleWard[][] {
  const sorted = [...wards].sort((a, b) => a.centroidLng - b.centroidLng || a.code.localeCompare(b.code));
  let centres = Array.from({ length: k }, (_, i) => sorted[Math.floor(((i + 0.5) * sorted.length) / k)]!).map((w) => [w.centroidLng, w.centroidLat] as const);
  let groups: SampleWard[][] = [];
  for (let iter = 0; iter < 12; iter++) {
    groups = centres.map(() => []);
    for (const w of sorted) {
      let best = 0;
      let bestD = Infinity;
      centres.forEach(([lng, lat], i) => {
        const d = ((w.centroidLng - lng) * 0.63) ** 2 + (w.centroidLat - lat) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      groups[best]!.push(w);
    }
    centres = groups.map((g, i) =>
      g.length ? ([g.reduce((s, w) => s + w.centroidLng, 0) / g.length, g.reduce((s, w) => s + w.centroidLat, 0) / g.length] as const) : centres[i]!,
    );
  }
  return groups.filter((g) => g.length > 0);
}

type Rows<K extends keyof typeof COLUMNS> = Neighbourhoods[K];

/** Sample teams, officers, events and PACT priorities for every ward, relative to `today`. */
export function generateSampleData(districts: SampleDistrict[], wards: SampleWard[], today: Date): Neighbourhoods {
  const teams: Rows<"teams"> = [];
  const officers: Rows<"officers"> = [];
  const events: Rows<"events"> = [];
  const priorities: Rows<"priorities"> = [];
  const updates: Rows<"updates"> = [];
  const thisMonth = monthOf(today);
  let collar = 41000;
  const usedNames = new Set<string>();

  for (const district of [...districts].sort((a, b) => a.code.localeCompare(b.code))) {
    const random = seededRandom(hash(district.code));
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const personName = () => {
      for (;;) {
        const name = `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`;
        if (!usedNames.has(name)) {
          usedNames.add(name);
          return name;
        }
      }
    };
    const districtWards = wards.filter((w) => w.districtCode === district.code);
    const k = Math.min(6, Math.max(2, Math.round(districtWards.length / 6)));
    const clusters = clusterWards(districtWards, k);
    const midLng = districtWards.reduce((s, w) => s + w.centroidLng, 0) / districtWards.length;
    const midLat = districtWards.reduce((s, w) => s + w.centroidLat, 0) / districtWards.length;
    const usedTeamNames = new Map<string, number>();

    for (const cluster of clusters) {
      cluster.sort((a, b) => a.name.localeCompare(b.name));
      const cLng = cluster.reduce((s, w) => s + w.centroidLng, 0) / cluster.length;
      const cLat = cluster.reduce((s, w) => s + w.centroidLat, 0) / cluster.length;
      let area = `${district.name} ${compass(cLng - midLng, cLat - midLat)}`;
      const seen = usedTeamNames.get(area) ?? 0;
      usedTeamNames.set(area, seen + 1);
      if (seen > 0) area = `${area} ${seen + 1}`;
      const teamSlug = slugify(area);
      teams.push({
        slug: teamSlug,
        name: `${area} Neighbourhood Team`,
        district_code: district.code,
        email: "",
        description: `Neighbourhood officers and PCSOs working with residents, councillors and partners across ${cluster.length} ward${cluster.length === 1 ? "" : "s"} of ${district.name}.`,
        ward_codes: cluster.map((w) => w.code).join(";"),
      });

      const addOfficer = (role: string, covered: SampleWard[], bio: string) => {
        const name = personName();
        collar += 1 + Math.floor(random() * 40);
        officers.push({
          slug: slugify(`${role} ${name} ${collar}`),
          name,
          role,
          collar_number: String(collar),
          team_slug: teamSlug,
          ward_codes: covered.map((w) => w.code).join(";"),
          email: "",
          bio,
        });
      };
      // A sergeant supervises the team and covers up to four wards directly.
      addOfficer("Sergeant", cluster.slice(0, 4), `Leads the ${area} neighbourhood team and chairs its PACT meetings.`);
      // Each ward has a PC (covering 2-4 wards) and a PCSO (covering 1-2 wards).
      for (let i = 0; i < cluster.length; ) {
        const n = Math.min(cluster.length - i, 2 + Math.floor(random() * 3));
        const covered = cluster.slice(i, i + n);
        addOfficer(random() < 0.25 ? "Beat Officer" : "PC", covered, `Your dedicated officer for ${covered.map((w) => w.name).join(", ")}. Works with residents and partners on the local PACT priorities.`);
        i += n;
      }
      for (let i = 0; i < cluster.length; ) {
        const n = Math.min(cluster.length - i, 1 + Math.floor(random() * 2));
        const covered = cluster.slice(i, i + n);
        addOfficer("PCSO", covered, `Police community support officer for ${covered.map((w) => w.name).join(" and ")}. Runs the ward surgeries and knows the area well.`);
        i += n;
      }

      for (const ward of cluster) {
        const wr = seededRandom(hash(ward.code));
        const wardPick = <T>(list: readonly T[]) => list[Math.floor(wr() * list.length)]!;

        // 1-3 upcoming events over the next eight weeks.
        const eventCount = 1 + Math.floor(wr() * 3);
        for (let e = 0; e < eventCount; e++) {
          const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 3 + Math.floor(wr() * 52)));
          const type = e === 0 ? "pact_meeting" : wardPick(["surgery", "surgery", "street_meeting", "online"] as const);
          const hour = type === "pact_meeting" ? 19 : type === "online" ? 18 : 10 + Math.floor(wr() * 5);
          const venue = type === "online" ? "Online (Microsoft Teams)" : type === "street_meeting" ? `${ward.name} shopping parade` : `${ward.name} ${wardPick(VENUES)}`;
          const title = { pact_meeting: "PACT meeting", surgery: "Police surgery", street_meeting: "Street meeting", online: "Online surgery" }[type];
          const jitter = () => (wr() - 0.5) * 0.002;
          events.push({
            team_slug: teamSlug,
            ward_code: ward.code,
            type,
            title: `${title}: ${ward.name}`,
            venue,
            address: type === "online" ? "Joining link sent when you register through the CSU inbox" : `${ward.name}, ${district.name}`,
            lat: type === "online" ? "" : (ward.centroidLat + jitter()).toFixed(5),
            lng: type === "online" ? "" : (ward.centroidLng + jitter()).toFixed(5),
            starts_at: londonTime(day, hour, 0),
            ends_at: londonTime(day, hour + (type === "pact_meeting" ? 1 : 2), type === "pact_meeting" ? 30 : 0),
          });
        }

        // Freshness varies: most wards are up to date, some a month behind, a few older.
        const lag = wr() < 0.7 ? 0 : wr() < 0.6 ? 1 : 2 + Math.floor(wr() * 2);
        const lastMonth = addMonths(thisMonth, -lag);
        const themes = [...THEMES].sort(() => wr() - 0.5).slice(0, 4);
        for (let rank = 1; rank <= 3; rank++) {
          const theme = themes[rank - 1]!;
          const months = 2 + Math.floor(wr() * 5); // 2-6 monthly updates
          const firstMonth = addMonths(lastMonth, -(months - 1));
          const ref = `${ward.code}-${rank}`;
          priorities.push({
            ref,
            ward_code: ward.code,
            rank: String(rank),
            theme: theme.theme,
            title: theme.title(ward.name),
            detail: theme.detail,
            agreed_on: `${addMonths(firstMonth, -1)}-${String(10 + Math.floor(wr() * 15)).padStart(2, "0")}`,
            status: "active",
            outcome: "",
            closed_on: "",
          });
          for (let m = 0; m < months; m++) {
            const month = addMonths(firstMonth, m);
            updates.push({
              priority_ref: ref,
              month,
              action_taken: theme.actions[m % theme.actions.length]!,
              partners: m % 2 === 0 ? wardPick(theme.partners) : "",
              status: STATUS_BY_AGE[m % STATUS_BY_AGE.length]!,
              next_step: m === months - 1 ? "Continue patrols and report back at the next PACT meeting." : "",
              published_at: publishedIn(month, 20 + Math.floor(wr() * 6), today),
            });
          }
        }
        // Some wards also have a closed priority in their history ("you said, we did").
        if (wr() < 0.5) {
          const theme = themes[3]!;
          const closedMonth = addMonths(thisMonth, -(4 + Math.floor(wr() * 3)));
          const ref = `${ward.code}-closed`;
          priorities.push({
            ref,
            ward_code: ward.code,
            rank: "3",
            theme: theme.theme,
            title: theme.title(ward.name),
            detail: theme.detail,
            agreed_on: `${addMonths(closedMonth, -3)}-12`,
            status: "closed",
            outcome: theme.outcome,
            closed_on: `${closedMonth}-18`,
          });
          for (let m = 2; m >= 0; m--) {
            const month = addMonths(closedMonth, -m);
            updates.push({
              priority_ref: ref,
              month,
              action_taken: theme.actions[2 - m]!,
              partners: wardPick(theme.partners),
              status: m === 0 ? "resolved" : "making_progress",
              next_step: "",
              published_at: `${month}-15T16:00:00.000Z`,
            });
          }
        }
      }
    }
  }
  return { teams, officers, events, priorities, updates };
}

// SAMPLE residents' responses ("What should your team focus on?"): enough in about a
// third of wards to show their results, a few (under the threshold of 5) in another
// third, none in the rest, for this month and last month. Stored marked as sample.

export interface SampleResponseRow {
  wardCode: string;
  month: string;
  themes: PriorityThemeCode[];
  place: string | null;
  comment: string | null;
  at: Date;
}

type PriorityThemeCode = "asb" | "roads" | "drugs" | "parking" | "theft" | "burglary" | "environment" | "violence";

// Rough weights from what residents raise most at PACT meetings: speeding and ASB lead.
const RESPONSE_WEIGHTS: [PriorityThemeCode, number][] = [
  ["roads", 26],
  ["asb", 22],
  ["parking", 14],
  ["drugs", 12],
  ["environment", 10],
  ["theft", 7],
  ["burglary", 6],
  ["violence", 3],
];

const RESPONSE_PLACES = ["High Street", "near the primary school", "the recreation ground", "the station car park", "the parade of shops", "the footpath behind the church", "the park", "London Road"];

const RESPONSE_COMMENTS: Record<PriorityThemeCode, string[]> = {
  roads: ["Cars come through far too fast at school drop-off time.", "Motorbikes race up and down most evenings after 9pm."],
  asb: ["Groups gather on the benches late at night and shout at passers-by.", "Windows at the community centre have been broken twice this month."],
  parking: ["People park on the pavement so pushchairs have to go into the road.", "The junction is blocked every morning by parked vans."],
  drugs: ["Cars stop for a couple of minutes and drive off, several times an evening.", "Needles found in the play area again."],
  environment: ["Mattresses and rubble dumped in the lay-by for weeks.", "Litter from the takeaway all along the alley."],
  theft: ["The corner shop has been hit repeatedly, staff feel unsafe.", "Parcels stolen from doorsteps on our road."],
  burglary: ["Two sheds on our road broken into and bikes taken.", "Garages at the back have been forced open."],
  violence: ["Fights outside the pub at closing time most weekends.", "Friday nights in town feel unsafe."],
};

function ukMonthOf(d: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit" }).format(d).slice(0, 7);
}

export function generateSampleResponses(wards: SampleWard[], today: Date): SampleResponseRow[] {
  const rows: SampleResponseRow[] = [];
  const thisMonth = ukMonthOf(today);
  const months = [addMonths(thisMonth, -1), thisMonth];
  const totalWeight = RESPONSE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  for (const ward of [...wards].sort((a, b) => a.code.localeCompare(b.code))) {
    const random = seededRandom(hash(`responses:${ward.code}`));
    const band = random();
    if (band < 0.34) continue; // no responses
    const few = band < 0.67;
    // Each ward leans towards a couple of local concerns.
    const local = [RESPONSE_WEIGHTS[Math.floor(random() * 4)]![0], RESPONSE_WEIGHTS[Math.floor(random() * RESPONSE_WEIGHTS.length)]![0]];
    const pickTheme = (): PriorityThemeCode => {
      if (random() < 0.45) return local[Math.floor(random() * local.length)]!;
      let r = random() * totalWeight;
      for (const [theme, w] of RESPONSE_WEIGHTS) if ((r -= w) < 0) return theme;
      return "roads";
    };
    for (const month of months) {
      const n = few ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 20);
      const [y, m] = month.split("-").map(Number) as [number, number];
      const lastDay = month === thisMonth ? Math.max(1, Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric" }).format(today))) : new Date(Date.UTC(y, m, 0)).getUTCDate();
      for (let i = 0; i < n; i++) {
        const themes = new Set<PriorityThemeCode>([pickTheme()]);
        const extra = Math.floor(random() * 3);
        for (let j = 0; j < extra; j++) themes.add(pickTheme());
        const first = [...themes][0]!;
        const day = 1 + Math.floor(random() * lastDay);
        const at = new Date(Date.UTC(y, m - 1, day, 8 + Math.floor(random() * 12), Math.floor(random() * 60)));
        rows.push({
          wardCode: ward.code,
          month,
          themes: [...themes],
          place: random() < 0.5 ? RESPONSE_PLACES[Math.floor(random() * RESPONSE_PLACES.length)]! : null,
          comment: random() < 0.4 ? RESPONSE_COMMENTS[first][Math.floor(random() * 2)]! : null,
          at: at > today ? new Date(today.getTime() - 60_000) : at,
        });
      }
    }
  }
  return rows;
}
