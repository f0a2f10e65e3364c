/** The file the public site reads the latest checkpoint and its cosigners from (public: written into the data folder). */
export const TRANSPARENCY_FILE = 'transparency.json';
