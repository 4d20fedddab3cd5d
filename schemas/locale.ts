import { z } from "zod";

/** Default zod messages in French: validation errors are read by city staff. Imported for its effect. */
z.config(z.locales.fr());
