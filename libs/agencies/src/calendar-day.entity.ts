import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One row per date that differs from the default Monday–Friday rule: a holiday, or a swapped working Saturday. */
@Entity({ name: 'calendar_day' })
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'boolean' })
  working!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
