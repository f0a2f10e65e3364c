import { Source } from './source';
import { Area } from './vocabulary';

/**
 * Towns and former districts by the areas of the vocabulary, so that a resident who knows their town
 * (not the NHS area) finds its bodies and decisions. Each entry carries the source naming the place
 * within the area: a seed document (file and section) where one does, else the statutory or ONS source.
 */
export interface GazetteerEntry {
  name: string;
  kind: 'town' | 'former-district';
  areas: Area[];
  source: Source;
}

const PIONEER = '002_f5d095021d3d729b.txt';
const WIRRAL_REPORT = '004_a3498bff7fdcbb26.txt';
const pioneer = (section: string): Source => ({
  title: "Cheshire's expression of interest to be an integration pioneer, 2013",
  reference: `${PIONEER}, ${section}`,
});
const wirral = (section: string): Source => ({
  title: 'Wirral Partnerships Committee, 9 November 2020: "Strategic Developments in the NHS"',
  reference: `${WIRRAL_REPORT}, ${section}`,
});
/** The Order that abolished Cheshire's six districts on 1 April 2009 names each of them. */
const CHESHIRE_ORDER: Source = {
  title: 'The Cheshire (Structural Changes) Order 2008',
  url: 'https://www.legislation.gov.uk/uksi/2008/634/contents/made',
};
/** Built-up areas within the local-authority districts, for towns the seeds place in no area. */
const ONS_TOWNS: Source = {
  title: 'Office for National Statistics, Open Geography Portal: built-up areas by local authority district',
  url: 'https://geoportal.statistics.gov.uk/',
};

const town = (name: string, areas: Area[], source: Source): GazetteerEntry => ({ name, kind: 'town', areas, source });
const district = (name: string, areas: Area[]): GazetteerEntry => ({ name, kind: 'former-district', areas, source: CHESHIRE_ORDER });

export const GAZETTEER: readonly GazetteerEntry[] = [
  town('Chester', ['west-cheshire'], pioneer('"West Cheshire (West Cheshire CCG, Cheshire West and Chester Council and key partners)"')),
  town(
    'Ellesmere Port',
    ['west-cheshire'],
    pioneer('"West Cheshire (West Cheshire CCG, Cheshire West and Chester Council and key partners)"'),
  ),
  town('Neston', ['west-cheshire'], ONS_TOWNS),
  town('Winsford', ['vale-royal'], ONS_TOWNS),
  town('Northwich', ['vale-royal'], ONS_TOWNS),
  town('Frodsham', ['vale-royal'], ONS_TOWNS),
  town('Crewe', ['south-cheshire'], ONS_TOWNS),
  town('Nantwich', ['south-cheshire'], ONS_TOWNS),
  town('Macclesfield', ['eastern-cheshire'], pioneer('"3. East Cheshire (including NHS Eastern Cheshire CCG and Cheshire East Council)"')),
  town('Congleton', ['eastern-cheshire'], pioneer('"3. East Cheshire (including NHS Eastern Cheshire CCG and Cheshire East Council)"')),
  town('Knutsford', ['eastern-cheshire'], pioneer('"3. East Cheshire (including NHS Eastern Cheshire CCG and Cheshire East Council)"')),
  town('Wilmslow', ['eastern-cheshire'], ONS_TOWNS),
  district('Vale Royal', ['vale-royal']),
  district('Crewe and Nantwich', ['south-cheshire']),
  district('Macclesfield', ['eastern-cheshire']),
  district('Chester', ['west-cheshire']),
  district('Ellesmere Port and Neston', ['west-cheshire']),
  town('Southport', ['southport-and-formby'], wirral('3.2.2 ("NHS Southport and Formby CCG")')),
  town('Formby', ['southport-and-formby'], wirral('3.2.2 ("NHS Southport and Formby CCG")')),
  town('Bootle', ['south-sefton'], ONS_TOWNS),
  town('Crosby', ['south-sefton'], ONS_TOWNS),
  town('Maghull', ['south-sefton'], ONS_TOWNS),
  town('Runcorn', ['halton'], ONS_TOWNS),
  town('Widnes', ['halton'], ONS_TOWNS),
  town('Huyton', ['knowsley'], ONS_TOWNS),
  town('Kirkby', ['knowsley'], ONS_TOWNS),
  town('Prescot', ['knowsley'], ONS_TOWNS),
  town('Newton-le-Willows', ['st-helens'], ONS_TOWNS),
  town('Birkenhead', ['wirral'], ONS_TOWNS),
  town('Wallasey', ['wirral'], ONS_TOWNS),
  town('Bath', ['bath-and-north-east-somerset'], ONS_TOWNS),
  town('Keynsham', ['bath-and-north-east-somerset'], ONS_TOWNS),
  town('Salisbury', ['wiltshire'], ONS_TOWNS),
  town('Chippenham', ['wiltshire'], ONS_TOWNS),
  town('Trowbridge', ['wiltshire'], ONS_TOWNS),
];

/** The towns and former districts of an area, by name (a name may be both: Chester the city and the district). */
export function placesIn(area: string): string[] {
  return [...new Set(GAZETTEER.filter((entry) => (entry.areas as string[]).includes(area)).map((entry) => entry.name))];
}
