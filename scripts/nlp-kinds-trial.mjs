import winkNLP from 'wink-nlp'; import model from 'wink-eng-lite-web-model'; import nlpC from 'compromise';
const nlp = winkNLP(model); const its = nlp.its;
const S = ['Children growing up here will see a very different city, he said.','Conservation ranger Jon Harlow attended his first stranding.','Staff are treated as second-class citizens, says a report.','Alaskan halibut, caught by a boat, is cheap.','New signs in stores appeared this month.','Managers at the depot said the dispute was settled.','Thousands of academic staff are angry.','Ruiz said the sea is sick.','Besecker said prices fell.','Manning said the issue is simple.','Montoya-Lewis is only the second judge.','Last night Karim Malik, a Labour MP, said he was worried.','On the dock, skipper Tor Haugen watched the crane.','Harbour Board Chair Ines Dahl said no.','Deputy Chief Inspector Lars Moe said no.','Keller & Sons Ltd. said profits rose.','Brightway Corp. said profits rose.','Simply put, the plan failed.','Additional reporting by staff.','British universities are angry.','Okafor texted her deputy.','Hale spoke about the city.','Tull beseeched the hall.','Greta Holm told a radio phone-in.','Pollsters blame a pattern.','Conservation matters, Holm said.'];
let winkOk=0, compOk=0;
for (const s of S) {
  const d = nlp.readDoc(s); const toks = d.tokens().out(); const pos = d.tokens().out(its.pos);
  const c = nlpC(s); const people = c.people().out('array'); const orgs = c.organizations().out('array');
  console.log(toks.slice(0,6).map((t,i)=>t+'/'+pos[i]).join(' '), ' || comp people', JSON.stringify(people), 'orgs', JSON.stringify(orgs));
}
