// Stop words, accents stripped (they are matched after `fold`). Written for short notes:
// besides grammar words, words found on notes of every theme in this sector ("besoin",
// "dossier", "demande", "aide", "suivi", "en cours", times of day and calendar words).
const FR = `a au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y
ete etee etees etes etant suis es est sommes etes sont serai sera serons seront serais serait etais etait etions etaient fus fut
ai as avons avez ont aurai aura aurons auront aurais aurait avais avait avions avaient eu eue eus
fait faire fais faites font peut peuvent doit doivent veut veulent sait savoir
ca cela ceci celle celui ceux celles dont quand comme tres trop plus moins peu bien aussi encore deja toujours jamais rien tout tous toute toutes autre autres
ici la-bas alors donc car ni si sans sous chez entre vers depuis pendant apres avant contre selon
non oui etc via cf vs pb probleme problemes besoin besoins souci soucis difficulte difficultes
afin lors ainsi quel quelle quels quelles chaque plusieurs certain certaine certains certaines
personne mr mme madame monsieur
accompagnement accompagner dossier dossiers demande demandes aide aides suivi cours situation rdv rendez
jour jours semaine semaines mois an ans annee annees matin soir heure heures fois`;

const EN = `a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself
get gets got cannot cant dont doesnt isnt also every last next week weeks
need needs needed problem problems issue issues`;

function list(s: string): ReadonlySet<string> {
  return new Set(s.split(/\s+/).filter(Boolean));
}

export const STOP_WORDS: Readonly<Record<"fr" | "en", ReadonlySet<string>>> = { fr: list(FR), en: list(EN) };
