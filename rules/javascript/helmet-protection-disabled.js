const express = require("express");
const helmet = require("helmet");

const app = express();
// ruleid: helmet-protection-disabled
app.use(helmet({ contentSecurityPolicy: false }));
// ok: helmet-protection-disabled
app.use(helmet({ crossOriginEmbedderPolicy: false }));
// ok: helmet-protection-disabled
app.use(helmet());
