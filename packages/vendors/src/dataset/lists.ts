// Small word lists the synthetic dataset is assembled from. Common given names and surnames
// combined at random: no record describes a real person.

export const FIRST_NAMES_M = [
  "James", "Robert", "Michael", "William", "David", "Richard", "Thomas", "Charles", "Daniel",
  "Matthew", "Anthony", "Mark", "Steven", "Paul", "Andrew", "Joshua", "Kevin", "Brian", "George",
  "Edward", "Ronald", "Timothy", "Jason", "Jeffrey", "Ryan", "Gary", "Nicholas", "Eric", "Walter",
  "Harold", "Carl", "Dennis", "Frank", "Raymond", "Gregory", "Samuel", "Henry", "Peter", "Victor",
] as const;

export const FIRST_NAMES_F = [
  "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah",
  "Karen", "Nancy", "Lisa", "Betty", "Sandra", "Ashley", "Donna", "Carol", "Michelle", "Emily",
  "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Laura", "Sharon", "Cynthia", "Kathleen",
  "Helen", "Amy", "Angela", "Doris", "Ruth", "Janet", "Diane", "Teresa", "Gloria", "Joan", "Irene",
] as const;

export const LAST_NAMES = [
  "Abernathy", "Albright", "Ashford", "Bancroft", "Barlow", "Beckett", "Bellamy", "Birch",
  "Blackwood", "Brennan", "Calloway", "Carver", "Castellano", "Chandler", "Colfax", "Corrigan",
  "Crandall", "Dalton", "Delacroix", "Donnelly", "Draper", "Easton", "Ellsworth", "Fairbanks",
  "Farrow", "Fenwick", "Galloway", "Garrison", "Hadley", "Hargrove", "Hawthorne", "Holloway",
  "Hutchins", "Iverson", "Jarrett", "Keaton", "Kendrick", "Kowalczyk", "Langford", "Larkin",
  "Lockhart", "Maddox", "Marchetti", "Mayfield", "McAllister", "Merriweather", "Norwood",
  "Oakley", "Okafor", "Pemberton", "Prescott", "Quimby", "Radcliffe", "Ramsey", "Redfield",
  "Rinaldi", "Rockwell", "Sandoval", "Sheffield", "Sinclair", "Stratton", "Sutherland",
  "Talbot", "Thornbury", "Underhill", "Vasquez", "Vickers", "Wadsworth", "Whitaker", "Winslow",
  "Yardley", "Zielinski", "Nakamura", "Lindqvist", "Petrosyan", "Okonkwo", "Haldane", "Brightwater",
] as const;

export const SUFFIXES = ["Jr", "Sr", "II", "III"] as const;

export const STREET_NAMES = [
  "Main", "Oak", "Maple", "Cedar", "Pine", "Elm", "Walnut", "Chestnut", "Lake", "Hill", "Park",
  "Washington", "Lincoln", "Jefferson", "Madison", "Franklin", "Church", "Mill", "Spring",
  "Ridge", "Meadow", "Orchard", "Willow", "Sunset", "River", "Forest", "Highland", "Valley",
  "Prospect", "Liberty", "Union", "Market", "Center", "Grove", "Harbor", "Summit", "Quarry",
] as const;

export const STREET_TYPES = ["St", "Ave", "Rd", "Dr", "Ln", "Ct", "Blvd", "Way", "Pl"] as const;

export type City = {
  city: string;
  state_code: string;
  zip3: string;
  area_codes: readonly string[];
  tz: string;
};

export const CITIES: readonly City[] = [
  { city: "New Castle", state_code: "PA", zip3: "161", area_codes: ["724"], tz: "America/New_York" },
  { city: "Ridgway", state_code: "PA", zip3: "158", area_codes: ["814"], tz: "America/New_York" },
  { city: "Pittsburgh", state_code: "PA", zip3: "152", area_codes: ["412", "878"], tz: "America/New_York" },
  { city: "Erie", state_code: "PA", zip3: "165", area_codes: ["814"], tz: "America/New_York" },
  { city: "Philadelphia", state_code: "PA", zip3: "191", area_codes: ["215", "267"], tz: "America/New_York" },
  { city: "Dunedin", state_code: "FL", zip3: "346", area_codes: ["727"], tz: "America/New_York" },
  { city: "Tampa", state_code: "FL", zip3: "336", area_codes: ["813"], tz: "America/New_York" },
  { city: "Orlando", state_code: "FL", zip3: "328", area_codes: ["407", "321"], tz: "America/New_York" },
  { city: "Miami", state_code: "FL", zip3: "331", area_codes: ["305", "786"], tz: "America/New_York" },
  { city: "Columbus", state_code: "OH", zip3: "432", area_codes: ["614"], tz: "America/New_York" },
  { city: "Cleveland", state_code: "OH", zip3: "441", area_codes: ["216"], tz: "America/New_York" },
  { city: "Albany", state_code: "NY", zip3: "122", area_codes: ["518"], tz: "America/New_York" },
  { city: "Buffalo", state_code: "NY", zip3: "142", area_codes: ["716"], tz: "America/New_York" },
  { city: "Boston", state_code: "MA", zip3: "021", area_codes: ["617", "857"], tz: "America/New_York" },
  { city: "Richmond", state_code: "VA", zip3: "232", area_codes: ["804"], tz: "America/New_York" },
  { city: "Baltimore", state_code: "MD", zip3: "212", area_codes: ["410", "443"], tz: "America/New_York" },
  { city: "Atlanta", state_code: "GA", zip3: "303", area_codes: ["404", "678"], tz: "America/New_York" },
  { city: "Charlotte", state_code: "NC", zip3: "282", area_codes: ["704", "980"], tz: "America/New_York" },
  { city: "Nashville", state_code: "TN", zip3: "372", area_codes: ["615"], tz: "America/Chicago" },
  { city: "Chicago", state_code: "IL", zip3: "606", area_codes: ["312", "773"], tz: "America/Chicago" },
  { city: "Minneapolis", state_code: "MN", zip3: "554", area_codes: ["612"], tz: "America/Chicago" },
  { city: "Kansas City", state_code: "MO", zip3: "641", area_codes: ["816"], tz: "America/Chicago" },
  { city: "Austin", state_code: "TX", zip3: "787", area_codes: ["512", "737"], tz: "America/Chicago" },
  { city: "Dallas", state_code: "TX", zip3: "752", area_codes: ["214", "469"], tz: "America/Chicago" },
  { city: "Houston", state_code: "TX", zip3: "770", area_codes: ["713", "832"], tz: "America/Chicago" },
  { city: "Denver", state_code: "CO", zip3: "802", area_codes: ["303", "720"], tz: "America/Denver" },
  { city: "Phoenix", state_code: "AZ", zip3: "850", area_codes: ["602", "480"], tz: "America/Phoenix" },
  { city: "Sacramento", state_code: "CA", zip3: "958", area_codes: ["916"], tz: "America/Los_Angeles" },
  { city: "San Diego", state_code: "CA", zip3: "921", area_codes: ["619", "858"], tz: "America/Los_Angeles" },
  { city: "Portland", state_code: "OR", zip3: "972", area_codes: ["503", "971"], tz: "America/Los_Angeles" },
  { city: "Seattle", state_code: "WA", zip3: "981", area_codes: ["206"], tz: "America/Los_Angeles" },
];

export const EMAIL_DOMAINS = ["example.com", "example.net", "example.org", "mail.example.com"] as const;

export const JOB_TITLES = [
  "Office Manager", "Sales Associate", "Teacher", "Registered Nurse", "Accountant", "Electrician",
  "Project Manager", "Software Developer", "Retail Manager", "Mechanic", "Paralegal", "Owner",
] as const;

export const TRADES = [
  "Furniture", "Window Cleaning", "Plumbing", "Roofing", "Landscaping", "Auto Repair", "Bakery",
  "Hardware", "Dental Care", "Insurance Agency", "Pest Control", "Printing", "Flooring",
  "Heating & Cooling", "Electric", "Catering", "Fitness", "Realty", "Tax Service", "Pet Grooming",
] as const;

export const BUSINESS_ADJECTIVES = [
  "Bright", "Summit", "Keystone", "Liberty", "Pioneer", "Evergreen", "Harbor", "Gulf Coast",
  "Blue Ridge", "Lakeside", "Heritage", "Premier", "Northstar", "Riverbend", "Cardinal",
] as const;

export const BUSINESS_SUFFIXES = ["LLC", "Inc.", "Co", "Corp", "& Sons", "Group"] as const;

export const OFFICER_TITLES = [
  "President", "Vice President", "Secretary", "Treasurer", "General Manager", "Operations Manager",
] as const;

export const LEGAL_ROLES = ["Registered Agent", "Director", "Manager", "Incorporator", "Officer"] as const;

export const REGISTERED_AGENT_FIRMS = [
  "Example Registered Agents LLC", "Statewide Filing Services (Example) Inc.", "Corporate Agent Co (Example)",
] as const;
