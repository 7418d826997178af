import contentTypes from './content-types';
import register from './register';

export default {
  register,
  contentTypes,
};
