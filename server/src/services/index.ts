import related from './related';

export default { related };
