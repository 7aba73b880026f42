const User = require("./models/user");

async function handlers(req, res) {
  // ruleid: mass-assignment
  await User.create(req.body);
  // ruleid: mass-assignment
  await User.findByIdAndUpdate(req.params.id, req.body);
  const user = await User.findById(req.params.id);
  // ruleid: mass-assignment
  Object.assign(user, req.body);
  const { name, email } = req.body;
  // ok: mass-assignment
  await User.create({ name, email });
  res.json(user);
}
