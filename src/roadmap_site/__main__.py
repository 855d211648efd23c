from roadmap_site.cli import console

console()
