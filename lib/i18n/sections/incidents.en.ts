/** English strings of the incidents area. Keys start with "incidents.". */
export const incidentsEn = {} as const;
