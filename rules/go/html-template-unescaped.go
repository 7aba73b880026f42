package web

import "html/template"

func render(bio string) map[string]interface{} {
	return map[string]interface{}{
		// ruleid: html-template-unescaped
		"Bio": template.HTML(bio),
		// ruleid: html-template-unescaped
		"Link": template.URL("/users/" + bio),
		// ok: html-template-unescaped
		"Footer": template.HTML("<hr>"),
		// ok: html-template-unescaped
		"Name": bio,
	}
}
