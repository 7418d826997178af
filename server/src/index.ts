import adminControllers from './admin-api/controllers';
import adminRoutes from './admin-api/routes';
import bootstrap from './bootstrap';
import config from './config';
import controllers from './content-api/controllers';
import policies from './content-api/policies';
import routes from './content-api/routes';
import contentTypes from './content-types';
import destroy from './destroy';
import middlewares from './middlewares';
import register from './register';
import services from './services';

export default {
  register,
  bootstrap,
  destroy,
  config,
  middlewares,
  contentTypes,
  controllers: { ...controllers, ...adminControllers },
  policies,
  routes: { ...routes, admin: adminRoutes },
  services,
};
