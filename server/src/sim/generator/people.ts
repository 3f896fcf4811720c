// Names, departments and job titles for generated users.

export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Lisa',
  'Matthew', 'Nancy', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Paul', 'Ashley', 'Steven', 'Emily', 'Andrew', 'Donna',
  'Joshua', 'Michelle', 'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy',
  'Stephanie', 'Ronald', 'Rebecca', 'Jason', 'Laura', 'Priya', 'Wei', 'Aisha', 'Mateo', 'Sofia', 'Lukas', 'Emma',
  'Hannah', 'Noah', 'Chloe', 'Olivia', 'Liam', 'Amelia', 'Oliver', 'Isla', 'Ethan', 'Mia', 'Lucas', 'Zoe', 'Arjun',
  'Fatima', 'Yuki', 'Kenji', 'Ingrid', 'Lars', 'Camille', 'Hugo', 'Elena', 'Marco', 'Giulia', 'Sven', 'Anika',
];

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall',
  'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Patel', 'Chen', 'Khan', 'Muller', 'Schmidt', 'Fischer',
  'Dubois', 'Laurent', 'Rossi', 'Bianchi', 'Jansen', 'de Vries', 'Kowalski', 'Novak', 'Tanaka', 'Sato', 'Kim',
  'Park', 'Singh', 'Sharma', 'OConnor', 'Murphy', 'Kelly', 'Walsh', 'Berg', 'Lindqvist', 'Costa', 'Silva',
];

export interface Department {
  name: string;
  titles: readonly string[];
  weight: number;
}

export const DEPARTMENTS: readonly Department[] = [
  { name: 'Engineering', titles: ['Software Engineer', 'Senior Software Engineer', 'Engineering Manager', 'Site Reliability Engineer', 'QA Engineer'], weight: 24 },
  { name: 'Sales', titles: ['Account Executive', 'Sales Development Representative', 'Regional Sales Manager', 'Sales Engineer'], weight: 18 },
  { name: 'Marketing', titles: ['Marketing Manager', 'Content Strategist', 'Product Marketing Manager', 'Events Coordinator'], weight: 9 },
  { name: 'Finance', titles: ['Accountant', 'Financial Analyst', 'Accounts Payable Specialist', 'Controller'], weight: 8 },
  { name: 'Human Resources', titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'], weight: 6 },
  { name: 'Customer Success', titles: ['Customer Success Manager', 'Support Engineer', 'Support Team Lead'], weight: 14 },
  { name: 'Operations', titles: ['Operations Manager', 'Office Manager', 'Procurement Specialist', 'Facilities Coordinator'], weight: 8 },
  { name: 'Legal', titles: ['Corporate Counsel', 'Paralegal', 'Compliance Officer'], weight: 3 },
  { name: 'IT', titles: ['IT Administrator', 'Systems Engineer', 'Service Desk Analyst', 'Security Analyst'], weight: 6 },
  { name: 'Executive', titles: ['Chief Executive Officer', 'Chief Financial Officer', 'Chief Operating Officer', 'Vice President'], weight: 2 },
];

export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  US: 'United States', GB: 'United Kingdom', DE: 'Germany', FR: 'France', NL: 'Netherlands', CA: 'Canada',
  AU: 'Australia', JP: 'Japan', SG: 'Singapore', ES: 'Spain', IT: 'Italy', AE: 'United Arab Emirates',
  IN: 'India', BR: 'Brazil', KR: 'South Korea',
};
