const _ = require("lodash");

function update(req, settings) {
  // ruleid: prototype-pollution-merge
  _.merge(settings, req.body);
  // ruleid: prototype-pollution-merge
  _.defaultsDeep(settings, req.query);
  // ok: prototype-pollution-merge
  _.merge(settings, _.pick(req.body, ["theme", "lang"]));
  return settings;
}
