export { checkConsistency, type ConsistencyProblem, type ConsistencyReport, formatProblem } from './consistency-checker';
