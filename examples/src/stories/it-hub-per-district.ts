/** The story of `it-hub-per-district` on the embedded national region. */
import { renderStoryPage, type StoryContext } from './story-page.js';
import type { Language } from '../shared/i18n.js';

function narrate(c: StoryContext, language: Language): string[] {
  const minutes = Number(c.params.maxTravelMinutes);
  const reached = c.indicator('population-within-travel-time');
  const share = c.indicator('coverage-share');
  const mean = c.indicator('mean-travel-time');
  const equity = c.indicator('equity');
  const capex = c.indicator('capex');
  const opex = c.indicator('opex-per-year');
  const hubs = Number(c.summary.hubs ?? 0);
  const seats = Number(c.summary.seats ?? 0);
  const staff = Number(c.summary.staff ?? 0);
  const worst = share ? [...share.byDistrict].sort((a, b) => (a.scenario ?? 0) - (b.scenario ?? 0))[0] : undefined;
  const f = c.format;
  const n = (v: number) => c.format(v, 'count');
  if (language === 'en') {
    return [
      `Greedy maximal coverage puts ${hubs} hubs — one per oblast — in the settlements that together reach the most people within ${minutes} minutes: ${n(seats)} seats and about ${n(staff)} staff.`,
      `By ${c.result.years.end}, ${f(reached?.scenario, 'people')} people live within ${minutes} minutes of a hub (${f(share?.scenario, 'share')} of the population); the mean trip to the nearest hub is ${f(mean?.scenario, 'minutes')} minutes. The gap between the best- and worst-served oblast is ${f(equity?.scenario, 'share')}${worst ? `; the worst served is ${worst.name} (${f(worst.scenario, 'share')})` : ''} — a second hub there is the next question.`,
      `It costs ${f(capex?.scenario, 'KZT')} KZT to set up and ${f(opex?.scenario, 'KZT/year')} KZT a year to run. Change the travel-time limit or the seats in the playground and watch these numbers move.`,
    ];
  }
  return [
    `Жадный алгоритм максимального покрытия размещает ${hubs} хабов — по одному в каждой области — в населённых пунктах, которые вместе дают наибольшее число жителей в пределах ${minutes} минут: ${n(seats)} мест и около ${n(staff)} сотрудников.`,
    `К ${c.result.years.end} году ${f(reached?.scenario, 'people')} человек живут в пределах ${minutes} минут от хаба (${f(share?.scenario, 'share')} населения); средняя поездка до ближайшего хаба — ${f(mean?.scenario, 'minutes')} мин. Разрыв между лучше и хуже всего обеспеченной областью — ${f(equity?.scenario, 'share')}${worst ? `; хуже всего обеспечена ${worst.name} (${f(worst.scenario, 'share')})` : ''} — второй хаб там — следующий вопрос.`,
    `Создание стоит ${f(capex?.scenario, 'KZT')} тенге, содержание — ${f(opex?.scenario, 'KZT/year')} тенге в год. Измените норму времени в пути или число мест в песочнице и посмотрите, как меняются цифры.`,
  ];
}

void renderStoryPage('it-hub-per-district', {
  intro: {
    en: [
      'Regional IT leaders asked for an IT hub in every district: a place for coworking, digital-skills courses and e-government services close to where people live. Where should each one go so that the most people can reach it?',
    ],
    ru: [
      'Региональные ИТ-руководители попросили IT-хаб в каждом районе: коворкинг, курсы цифровой грамотности и электронные госуслуги рядом с домом. Где поставить каждый, чтобы до него могло добраться как можно больше людей?',
    ],
  },
  narrate,
});
