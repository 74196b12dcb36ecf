/** At most this many matches of a registry search are listed, the closest first; a search that matches more asks to be narrowed. */
export const SEARCH_CAP = 1000;
