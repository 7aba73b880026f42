const axios = require("axios");

async function preview(req, res) {
  const target = req.query.url;
  // ruleid: tainted-ssrf
  const page = await fetch(target);
  // ruleid: tainted-ssrf
  const other = await axios.get(`https://${req.body.host}/status`);
  // ok: tainted-ssrf
  const fixed = await axios.get("https://status.example.com/", { params: { q: target } });
  res.json({ page: await page.text(), other: other.data, fixed: fixed.data });
}

module.exports = { preview };
