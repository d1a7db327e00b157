/** The most copies of its cast a simulator serves (see Cast): 60 sources and more are enough to measure scale. */
export const MAX_COPIES = 50;
